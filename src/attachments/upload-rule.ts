import { law, text, type Role, type Text } from '../../workflows';
import type { Principal } from '../auth/principal';
import { ErrorCode } from '../common/domain-error';
import { actsAs } from '../cases/access';
import type { CaseEntity } from '../cases/case.entity';

/** What adding an attachment rests on: the case's records and materials are kept as they are made. */
export const ATTACHMENT_BASIS: Text = law.decree713(33, '决策过程记录和材料归档');

export type UploadRefusal = { code: ErrorCode; blocker: string; message: Text };

/**
 * In which role this user adds an attachment to this case, or why not: an official of the case's
 * department, the reviewer while the case is in legality review (never one who sponsored it), the
 * secretariat; and only while the case is open. A copied user or another department's official
 * reads attachments (who may read the case) but adds none.
 */
export function uploadRole(
  user: Pick<Principal, 'roles' | 'department' | 'governmentId' | 'governmentPath'>,
  row: Pick<CaseEntity, 'department' | 'governmentId' | 'stage' | 'snapshot'>,
  sponsored: boolean,
): { role: Role } | UploadRefusal {
  const reviewing = actsAs(user, 'reviewer', row) && row.stage === 'legalityReview';
  let role: Role | undefined;
  if (actsAs(user, 'official', row)) role = 'official';
  else if (reviewing && !sponsored) role = 'reviewer';
  else if (actsAs(user, 'secretariat', row)) role = 'secretariat';
  if (!role && reviewing)
    return {
      code: ErrorCode.SEPARATION_OF_DUTIES,
      blocker: ErrorCode.SEPARATION_OF_DUTIES,
      message: text(
        '本人承办或起草的案件，不得以审查人员身份添加材料',
        'you sponsored this case: you cannot add papers to it as its reviewer',
      ),
    };
  if (!role)
    return {
      code: ErrorCode.FORBIDDEN,
      blocker: ErrorCode.FORBIDDEN,
      message: text(
        '只有本案承办部门的承办人员、合法性审查期间的审查人员或政府办公室可以添加附件',
        "only the case department's officials, its reviewer during legality review, or the secretariat may add attachments",
      ),
    };
  if (row.snapshot.status === 'done')
    return {
      code: ErrorCode.PROCEDURE_VIOLATION,
      blocker: 'CASE_NOT_OPEN',
      message: text('案件已办结，不能再添加附件', 'the case is closed: no more attachments'),
    };
  return { role };
}
