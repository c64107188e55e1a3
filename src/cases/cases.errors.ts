import type { CaseEntity } from './case.entity';
import { seesGovernment, type GovernmentReader } from '../governments/scope';
import { Blocker, EventDefinition, text } from '../../workflows';
import { DomainError, ErrorCode } from '../common/domain-error';
import { Refusal, refusalBlocker } from './access';

/** The refusals the cases module gives, each worded once. */

export const versionConflict = (actual: number, expected: number) =>
  new DomainError(
    ErrorCode.VERSION_CONFLICT,
    text(
      `案件已被他人更新（当前版本 ${actual}，请求基于版本 ${expected}），请刷新后重试`,
      `the case is at version ${actual}, not ${expected}: reload and retry`,
    ),
    { currentVersion: actual },
  );

export const cannotRead = () =>
  new DomainError(ErrorCode.FORBIDDEN, text('承办人员只能查看本部门的案件', "an official sees only their own department's cases"));

/** Why a user may not read a case: another government's is not told apart from none; another department's is refused. */
export const unreadable = (user: GovernmentReader, row: Pick<CaseEntity, 'id' | 'governmentPath'>) =>
  seesGovernment(user, row.governmentPath) ? cannotRead() : caseNotFound(row.id);

export const copyIsReadOnly = () =>
  new DomainError(ErrorCode.FORBIDDEN, text('抄送的案件仅供查看，不能办理', 'a case copied to you is yours to read, not to act on'));

export const cannotCreate = () =>
  new DomainError(ErrorCode.FORBIDDEN, text('承办人员只能为本部门创建案件', 'an official creates cases for their own department only'));

export const caseNotFound = (id: string) => DomainError.notFound(text(`案件 ${id} 不存在`, `no case ${id}`));

/** The procedure refused: 404 when an event names a record that does not exist, else 422 with the blockers. */
export const refused = (blockers: Blocker[]) =>
  blockers.some((b) => b.notFound)
    ? new DomainError(ErrorCode.NOT_FOUND, blockers[0].message, undefined, blockers)
    : new DomainError(
        ErrorCode.PROCEDURE_VIOLATION,
        text('不符合法定程序，操作被拒绝', 'refused: the procedure does not allow this'),
        undefined,
        blockers,
      );

/** The user may not send this event (wrong role, another department, separation of duties). */
export const notPermitted = <C>(refusal: Refusal, def: EventDefinition<C, unknown>) =>
  new DomainError(refusal.code, refusal.message, undefined, [refusalBlocker(refusal, def)]);

export const futureRefusal = (given: string) =>
  refused([
    {
      code: 'OCCURRED_IN_FUTURE',
      message: text(`发生时间 ${given} 晚于当前时间`, `occurredAt ${given} is in the future`),
      legalBasis: text('过程记录规则：发生时间不得晚于当前时间', 'Process record: never dated in the future'),
    },
  ]);

export const invalidField = (field: string, zh: string, en: string) =>
  new DomainError(ErrorCode.VALIDATION_FAILED, text(zh, en), [{ field, problems: [en] }]);

export const unknownProcedure = (known: string[]) =>
  new DomainError(
    ErrorCode.VALIDATION_FAILED,
    text(`procedure 须为 ${known.join(' 或 ')}`, `procedure must be one of ${known.join(', ')}`),
    [{ field: 'procedure', problems: ['unknown procedure'] }],
  );

export const unknownEvent = (procedure: { id: string; label: { zh: string } }, type: string, known: string[]) =>
  new DomainError(
    ErrorCode.VALIDATION_FAILED,
    text(`「${procedure.label.zh}」程序没有 ${type} 这一事项`, `${procedure.id} has no event ${type}`),
    [{ field: 'type', problems: [`one of ${known.join(', ')}`] }],
  );
