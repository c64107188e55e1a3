import { Language, text, Text } from '../../workflows';
import type { Principal } from '../auth/principal';
import { ErrorCode } from '../common/domain-error';
import { actsAs } from './access';
import type { CaseEntity } from './case.entity';
import type { OfficeAct } from './cases.response';

// Who may transfer, copy and urge a case, decided once: the case page's buttons and the acts themselves.

/** The office acts on a case beside its procedure's events: 转办, 抄送, 催办. */
export const OFFICE_ACTS = ['ASSIGN', 'COPY', 'URGE'] as const;
export type OfficeActType = (typeof OFFICE_ACTS)[number];

/** The person in charge (承办人): the assignee, or the creator on rows from before assignees. */
export const inCharge = (row: Pick<CaseEntity, 'assignee' | 'createdBy'>): string => row.assignee ?? row.createdBy;

export const LABELS: Record<OfficeActType, Text> = {
  ASSIGN: text('转办', 'Transfer'),
  COPY: text('抄送', 'Copy to'),
  URGE: text('催办', 'Urge'),
};

/** What office work rests on: the duty to handle a case in time, and the supervision of it. */
export const BASIS: Record<OfficeActType, Text> = {
  ASSIGN: text('承办单位内部分工：由本部门承办人员办理', "the sponsoring department's own division of work: its officials handle it"),
  COPY: text('抄送仅供知悉，不得办理', 'a copy is for information: it lets no one act'),
  URGE: text(
    '《法治政府建设与责任落实督察工作规定》（2019年）第一条：督察工作督促推动法治政府建设与责任落实',
    'Provisions on Supervising Law-Based Government and Accountability (2019) Art. 1: supervision presses the work on',
  ),
};

export type ActRefusal = { status: ErrorCode; message: Text };

const refusal = (status: ErrorCode, zh: string, en: string): ActRefusal => ({ status, message: text(zh, en) });

/** Is the case still being handled, with someone holding a step? */
const isOpen = (row: Pick<CaseEntity, 'snapshot' | 'awaitingRoles'>) => row.snapshot.status !== 'done' && row.awaitingRoles !== '';

/** Why this user may not do this act on this case now, or null when they may. */
export function refusalOf(user: Principal, row: CaseEntity, act: OfficeActType): ActRefusal | null {
  switch (act) {
    case 'ASSIGN':
      if (!(actsAs(user, 'secretariat', row) || (actsAs(user, 'official', row) && inCharge(row) === user.id)))
        return refusal(
          ErrorCode.FORBIDDEN,
          '只有本案承办人或政府办公室可以转办',
          'only the official in charge or the secretariat may transfer the case',
        );
      if (row.snapshot.status === 'done') return refusal(ErrorCode.PROCEDURE_VIOLATION, '案件已办结，不能转办', 'the case is closed');
      return null;
    case 'COPY':
      if (!(actsAs(user, 'official', row) || actsAs(user, 'secretariat', row) || user.roles.includes('supervisor')))
        return refusal(
          ErrorCode.FORBIDDEN,
          '只有本部门承办人员、政府办公室或监督人员可以抄送',
          "only the department's officials, the secretariat or a supervisor may copy the case",
        );
      return null;
    case 'URGE':
      if (!user.roles.includes('supervisor')) return refusal(ErrorCode.FORBIDDEN, '只有监督人员可以催办', 'only a supervisor may urge');
      if (!isOpen(row))
        return refusal(ErrorCode.PROCEDURE_VIOLATION, '案件当前没有待办事项，无需催办', 'no step of the case is awaiting anyone');
      return null;
  }
}

/** The acts as the case page offers them to this user. */
export function officeActs(user: Principal, row: CaseEntity, lang: Language): OfficeAct[] {
  return OFFICE_ACTS.map((type) => {
    const r = refusalOf(user, row, type);
    return {
      type,
      label: LABELS[type][lang],
      allowed: !r,
      blockers: r ? [{ code: r.status, message: r.message[lang], legalBasis: BASIS[type][lang] }] : [],
    };
  });
}
