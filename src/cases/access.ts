import { Blocker, EventDefinition, resolveSender, Role, Text, text } from '../../workflows';
import type { Principal } from '../auth/principal';
import { ErrorCode } from '../common/domain-error';
import type { CaseEntity } from './case.entity';
import { seesGovernment } from '../governments/scope';

export const ROLE_ZH: Record<Role, string> = {
  official: '承办人员',
  reviewer: '合法性审查人员',
  secretariat: '政府办公室',
  supervisor: '监督人员',
  admin: '系统管理员',
  filingReviewer: '备案审查人员',
};

/** A user whose only role is official reads their own department's cases and figures; any other role reads all. */
export const seesOnlyOwnDepartment = (user: Pick<Principal, 'roles'>): boolean => !user.roles.some((r) => r !== 'official');

type Reader = Pick<Principal, 'roles' | 'department' | 'governmentId' | 'governmentPath'>;

/**
 * Officials read only their own department's cases; every other role the cases of the governments
 * it sees (its own; a supervisor's and the admin's, and every one below it).
 */
export function canRead(user: Reader, c: Pick<CaseEntity, 'department' | 'governmentPath'>): boolean {
  return seesGovernment(user, c.governmentPath) && (!seesOnlyOwnDepartment(user) || user.department === c.department);
}

/** Which department a list or report covers for this reader (within their governments), and whether they asked for one beyond their own. */
export interface DepartmentScope {
  /** the department to filter on; undefined: all of them */
  department: string | undefined;
  /** an official asked for another department than their own */
  beyondOwn: boolean;
}

/** An official's lists and figures cover their own department whatever they ask; anyone else's what they ask. */
export function departmentScope(user: Pick<Principal, 'roles' | 'department'>, asked: string | undefined): DepartmentScope {
  if (!seesOnlyOwnDepartment(user)) return { department: asked, beyondOwn: false };
  return { department: user.department ?? undefined, beyondOwn: !!asked && asked !== user.department };
}

/** Only the official role is bound to a department when it acts (承办单位): the others act for their whole government. */
export const actsForOneDepartment = (role: Role): boolean => role === 'official';

/** May this user act in this role on a case of this department and government? Everyone acts within their own government. */
export function actsAs(user: Reader, role: Role, c: Pick<CaseEntity, 'department' | 'governmentId'>): boolean {
  return (
    user.roles.includes(role) && user.governmentId === c.governmentId && (!actsForOneDepartment(role) || user.department === c.department)
  );
}

export type Refusal = { code: ErrorCode.FORBIDDEN | ErrorCode.SEPARATION_OF_DUTIES; message: Text };

/**
 * May this user send this event on this case, and in which role? The sender comes from the
 * procedure's table; an official acts only for their own department; no one reviews the legality
 * of a case they sponsored (created, or sent an official's event on).
 */
export function authorize<C>(
  user: Principal,
  c: Pick<CaseEntity, 'department' | 'governmentId'>,
  context: C,
  def: EventDefinition<C, unknown>,
  sponsored: boolean,
): { role: Role } | Refusal {
  if (def.system) {
    return { code: ErrorCode.FORBIDDEN, message: text('此事项由系统按期自动办理', 'Docket does this itself when due') };
  }
  const role = resolveSender(def.by, context);
  if (!user.roles.includes(role)) {
    return { code: ErrorCode.FORBIDDEN, message: text(`须由${ROLE_ZH[role]}办理`, `only a ${role} may do this`) };
  }
  if (user.governmentId !== c.governmentId) {
    return { code: ErrorCode.FORBIDDEN, message: text('只能办理本级政府的案件', "you act only on your own government's cases") };
  }
  if (!actsAs(user, role, c)) {
    return {
      code: ErrorCode.FORBIDDEN,
      message: text('承办人员只能办理本部门的案件', "an official acts only on their own department's cases"),
    };
  }
  if (role === 'reviewer' && sponsored) {
    return {
      code: ErrorCode.SEPARATION_OF_DUTIES,
      message: text('本人承办或起草的案件，不得由本人进行合法性审查', 'you sponsored this case: you cannot review its legality'),
    };
  }
  return { role };
}

export const SEPARATION_BASIS = text(
  '《重大行政决策程序暂行条例》第二十五条；国办发〔2018〕115号（审核机构与起草单位相分离）',
  'Decree 713 Art. 25; Circular [2018] No. 115 (review separate from drafting)',
);

/** A permission refusal as the blocker a user is shown: separation of duties cites its own basis, the rest the event's. */
export function refusalBlocker<C>(refusal: Refusal, def: EventDefinition<C, unknown>): Blocker {
  return {
    code: refusal.code,
    message: refusal.message,
    legalBasis: refusal.code === ErrorCode.SEPARATION_OF_DUTIES ? SEPARATION_BASIS : def.basis,
  };
}
