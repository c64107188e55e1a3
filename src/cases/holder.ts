import type { Role } from '../../workflows';

/**
 * Who holds a case's current step (当前承办单位), the department its time limit is charged to
 * when it runs out: the drafting department for the official's steps; the review body (审核机构,
 * the county's 司法局) for the legality review, which is kept apart from the drafting department
 * (国办发〔2018〕115号); the government office (政府办公室) for the secretariat's steps, except
 * on a normative document a department issues itself, whose steps are that department's.
 */

/** The departments of the case's government that hold the steps not bound to the case's own department. */
export interface HolderBodies {
  /** the department its legality reviewers belong to (its 司法局); unset: the drafting department holds it */
  review: string | null;
  /** its government office, which does the secretariat's steps; unset: the drafting department */
  office: string | null;
}

/** What of a case decides who holds its step. */
export interface HolderFacts {
  /** `cases.awaiting_roles`: `,official,secretariat,`; '' when nothing is awaited */
  awaitingRoles: string;
  /** the drafting department (承办单位) */
  department: string;
  /** a normative document's issuing organ; undefined for a major decision */
  issuingOrgan?: string | null;
}

/**
 * The department that holds the case's current step, or null when nothing is awaited. When
 * several roles are awaited at once, the reviewer's step comes first (it is never awaited beside
 * another), then the official's (an implemented decision: the department implements it, the
 * office may suspend it), then the secretariat's.
 */
export function holderOf(c: HolderFacts, bodies: HolderBodies): string | null {
  const roles = c.awaitingRoles.split(',').filter(Boolean) as Role[];
  if (roles.includes('reviewer')) return bodies.review ?? c.department;
  if (roles.includes('official')) return c.department;
  if (roles.includes('secretariat')) return c.issuingOrgan === 'department' ? c.department : (bodies.office ?? c.department);
  return null;
}

/** A normative document issued by a department itself, as SQL over the stored snapshot (the organ is not a column). */
export const issuedByDepartmentSql = (prefix = 'c.') => `${prefix}snapshot LIKE '%"issuingOrgan":"department"%'`;

/** One of the case's government's bodies, as SQL: the drafting department when it has none set. */
const bodySql = (prefix: string, column: 'review_department' | 'office_department') =>
  `COALESCE((SELECT hg.${column} FROM governments hg WHERE hg.id = ${prefix}government_id), ${prefix}department)`;

/** The same rule as SQL over the cases table, each case's bodies its own government's. */
export const holderSql = (prefix = 'c.') =>
  `(CASE WHEN ${prefix}awaiting_roles LIKE '%,reviewer,%' THEN ${bodySql(prefix, 'review_department')} ` +
  `WHEN ${prefix}awaiting_roles LIKE '%,official,%' THEN ${prefix}department ` +
  `WHEN ${prefix}awaiting_roles LIKE '%,secretariat,%' THEN (CASE WHEN ${issuedByDepartmentSql(prefix)} THEN ${prefix}department ELSE ${bodySql(prefix, 'office_department')} END) ` +
  'ELSE NULL END)';

/**
 * The department an overdue case is charged to, as SQL: its holder, or its drafting department
 * when nothing is awaited; so the departments' overdue figures add up to the county's.
 */
export const chargedSql = (prefix = 'c.') => `COALESCE(${holderSql(prefix)}, ${prefix}department)`;
