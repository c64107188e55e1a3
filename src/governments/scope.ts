import type { Principal } from '../auth/principal';

/**
 * Which governments a reader sees. Officials, reviewers and the secretariat act within their own
 * government and read it only (an official, only their own department's cases); a supervisor
 * (监督人员) reads their government and every one below it: the county sees only itself, a city
 * its counties, the province all. The admin reads every government.
 */
export type GovernmentReader = Pick<Principal, 'roles' | 'governmentId' | 'governmentPath'>;

/** Does this reader see the governments below their own? */
export const readsBelow = (user: Pick<Principal, 'roles'>): boolean => user.roles.some((r) => r === 'supervisor' || r === 'admin');

/** The admin keeps the whole deployment, whichever government their account was made in. */
const readerPath = (user: GovernmentReader): string => (user.roles.includes('admin') ? '/' : user.governmentPath);

/** May this reader see what belongs to the government at `path`? */
export function seesGovernment(user: GovernmentReader, path: string): boolean {
  return readsBelow(user) ? path.startsWith(readerPath(user)) : path === user.governmentPath;
}

/** The governments a list or a report covers: one, or one and every one below it. */
export interface GovernmentScope {
  path: string;
  below: boolean;
}

/** A reader's scope, narrowed to `asked` (a path they may see) when they ask for one. */
export function governmentScope(user: GovernmentReader, asked?: { path: string }): GovernmentScope {
  return { path: asked?.path ?? readerPath(user), below: readsBelow(user) };
}

/**
 * The scope as SQL over a column holding governments' paths; `:scopePath` is its parameter.
 * A prefix compared as a substring, not LIKE: ids may hold `_`, LIKE's one-character wildcard.
 */
export function governmentSql(scope: GovernmentScope, col = 'c.government_path'): { sql: string; params: { scopePath: string } } {
  return {
    sql: scope.below ? `SUBSTR(${col}, 1, LENGTH(CAST(:scopePath AS VARCHAR))) = :scopePath` : `${col} = :scopePath`,
    params: { scopePath: scope.path },
  };
}

/**
 * The scope over `cases` (alias `c`): one government by its path (an index), or one and all below
 * it as the ids of those governments (a small table), so the cases are found by the index on
 * their government, never by reading every case's path.
 */
export function caseScopeSql(scope: GovernmentScope, alias = 'c'): { sql: string; params: { scopePath: string } } {
  if (!scope.below) return { sql: `${alias}.government_path = :scopePath`, params: { scopePath: scope.path } };
  const within = governmentSql(scope, 'sg.path');
  return { sql: `${alias}.government_id IN (SELECT sg.id FROM governments sg WHERE ${within.sql})`, params: within.params };
}

/** A government's path, from its parent's (none at the top). */
export const pathUnder = (parentPath: string | null, id: string): string => `${parentPath ?? '/'}${id}/`;
