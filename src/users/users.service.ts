import { Injectable } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { text, type Role } from '../../workflows';
import type { Principal } from '../auth/principal';
import { DomainError, ErrorCode } from '../common/domain-error';
import { Db } from '../database/db.service';
import { execute, param, Rows } from '../database/sql';
import { backoffSeconds } from './backoff';
import { DepartmentEntity } from './department.entity';
import { GovernmentEntity } from '../governments/government.entity';
import { seesGovernment } from '../governments/scope';
import { FIRST_GOVERNMENT } from '../database/migrations/1764979200000-governments';
import { passwordProblem } from './password-policy';
import { UserEntity } from './user.entity';
import type { Colleague } from '../cases/cases.response';
import type { UserView } from './users.response';

const USERS = new Rows(UserEntity);

export interface NewUser {
  username: string;
  password: string;
  displayName: string;
  roles: Role[];
  department?: string | null;
  /** without a department: the government they work for (the first government when absent) */
  governmentId?: string;
  email?: string | null;
}

const toPrincipal = (u: UserEntity): Principal => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  roles: u.roles,
  department: u.department,
  governmentId: u.governmentId,
  governmentPath: u.governmentPath,
});

const toView = (u: UserEntity): UserView => ({
  ...toPrincipal(u),
  email: u.email,
  active: u.deactivatedAt === null,
  deactivatedAt: u.deactivatedAt,
});

function checkPolicy(password: string, username: string): void {
  const problem = passwordProblem(password, username);
  if (problem) throw new DomainError(ErrorCode.VALIDATION_FAILED, problem, [{ field: 'password', problems: [problem.en] }]);
}

const invalidField = (field: string, zh: string, en: string) =>
  new DomainError(ErrorCode.VALIDATION_FAILED, text(zh, en), [{ field, problems: [en] }]);

/**
 * The government a user works for: their department's (an official must have one, and one named
 * must exist), else the one named, else the first. A user stays in their government for good.
 */
async function placeOf(
  m: EntityManager,
  roles: Role[],
  department: string | null,
  governmentId: string | undefined,
): Promise<GovernmentEntity> {
  if (roles.includes('official') && !department)
    throw invalidField('department', '承办人员必须属于一个部门', 'an official must belong to a department');
  const dept = department ? await m.findOne(DepartmentEntity, { where: { id: department } }) : null;
  if (department && !dept) throw invalidField('department', `部门 ${department} 不存在`, `no department ${department}`);
  if (dept && governmentId && dept.governmentId !== governmentId)
    throw invalidField('governmentId', `部门 ${department} 不属于 ${governmentId}`, `department ${department} is not ${governmentId}'s`);
  const id = dept?.governmentId ?? governmentId ?? FIRST_GOVERNMENT;
  const g = await m.findOne(GovernmentEntity, { where: { id } });
  if (!g) throw invalidField('governmentId', `政府 ${id} 不存在`, `no government ${id}`);
  return g;
}

const wrongCredentials = () => new DomainError(ErrorCode.UNAUTHENTICATED, text('用户名或密码错误', 'wrong username or password'));

// a hash to verify against when the user does not exist, so both answers take the same time
let dummyHash: Promise<string> | undefined;

@Injectable()
export class UsersService {
  constructor(private readonly db: Db) {}

  async create(input: NewUser): Promise<Principal> {
    checkPolicy(input.password, input.username);
    const passwordHash = await hash(input.password);
    return this.db.transaction(async (m) => {
      const government = await placeOf(m, input.roles, input.department ?? null, input.governmentId);
      // accounts are never deleted, so this also finds a deactivated one; case apart is no new name
      const sql = `SELECT username FROM users WHERE LOWER(username) = LOWER(${param(m, 1)}) LIMIT 1`;
      const taken = (await execute(m, sql, [input.username])).records[0] as { username: string } | undefined;
      if (taken) {
        throw new DomainError(
          ErrorCode.ALREADY_EXISTS,
          text(
            `用户名 ${taken.username} 已被使用：用户名一经使用不再分配，账号停用后也不能重新使用，请另取一个`,
            `username ${taken.username} has been used: a username is never given again, even after its account is deactivated; choose another`,
          ),
        );
      }
      const user: UserEntity = {
        id: randomUUID(),
        username: input.username,
        passwordHash,
        displayName: input.displayName,
        roles: [...new Set(input.roles)],
        department: input.department ?? null,
        governmentId: government.id,
        governmentPath: government.path,
        email: input.email ?? null,
        createdAt: new Date().toISOString(),
        deactivatedAt: null,
        tokenVersion: 0,
        failedLogins: 0,
        loginBlockedUntil: null,
      };
      await m.insert(UserEntity, user);
      return toPrincipal(user);
    });
  }

  /**
   * Deactivate a user (never delete: histories name them and separation of duties knows them by
   * this account): they cannot sign in, and their tokens stop working at once on every instance.
   */
  async deactivate(id: string, by: Principal): Promise<void> {
    if (id === by.id)
      throw new DomainError(ErrorCode.VALIDATION_FAILED, text('不能停用自己的账号', 'you cannot deactivate your own account'));
    await this.db.transaction(async (m) => {
      if (!(await m.existsBy(UserEntity, { id }))) throw DomainError.notFound(text(`用户 ${id} 不存在`, `no user ${id}`));
      const sql = `UPDATE users SET deactivated_at = ${param(m, 1)}, token_version = token_version + 1
        WHERE id = ${param(m, 2)} AND deactivated_at IS NULL`;
      await execute(m, sql, [new Date().toISOString(), id]);
    });
  }

  /** Undo a deactivation: the same account (and so the same history) again; tokens from before stay ended. */
  async reactivate(id: string): Promise<UserView> {
    return this.db.transaction(async (m) => {
      const u = await m.findOne(UserEntity, { where: { id } });
      if (!u) throw DomainError.notFound(text(`用户 ${id} 不存在`, `no user ${id}`));
      const changes = { deactivatedAt: null, failedLogins: 0, loginBlockedUntil: null };
      await m.update(UserEntity, { id }, changes);
      return toView({ ...u, ...changes });
    });
  }

  /** The signed-in user behind a token: an active account whose tokens of this version are still good. */
  async authenticate(id: string, tokenVersion: number): Promise<Principal | null> {
    // on every request: plain SQL, not the query builder
    const u = await this.db.read((m) => USERS.byId(m, id));
    return u && u.deactivatedAt === null && u.tokenVersion === tokenVersion ? toPrincipal(u) : null;
  }

  /**
   * Colleagues as anyone signed in may see them: the active ones to transfer a case to or copy it
   * to, the deactivated ones still named in histories. No usernames, no addresses.
   */
  directory(reader: Principal): Promise<Colleague[]> {
    // the governments the reader sees, and those above theirs (a city's filing reviewer is named in a county's case)
    const known = (u: UserEntity) => seesGovernment(reader, u.governmentPath) || reader.governmentPath.startsWith(u.governmentPath);
    return this.db.read(async (m) =>
      (await m.find(UserEntity, { order: { department: 'ASC', displayName: 'ASC' } }))
        .filter((u) => !(u.roles.length === 1 && u.roles[0] === 'admin') && known(u))
        .map((u) => ({ id: u.id, displayName: u.displayName, department: u.department, roles: u.roles, active: u.deactivatedAt === null })),
    );
  }

  /** New roles and department for a user, in force at their next request; never the admin's own admin role. */
  async setRoles(id: string, roles: Role[], department: string | null, by: Principal): Promise<UserView> {
    if (id === by.id && !roles.includes('admin')) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, text('不能取消自己的系统管理员角色', 'you cannot take away your own admin role'), [
        { field: 'roles', problems: ['you cannot take away your own admin role'] },
      ]);
    }
    return this.db.transaction(async (m) => {
      const u = await m.findOneBy(UserEntity, { id });
      if (!u) throw DomainError.notFound(text(`用户 ${id} 不存在`, `no user ${id}`));
      // a user's government is fixed (their cases and history are its): a department of another is refused
      await placeOf(m, roles, department, u.governmentId);
      const changes = { roles: [...new Set(roles)], department };
      await m.update(UserEntity, { id }, changes);
      return toView({ ...u, ...changes });
    });
  }

  /** Set or clear where a user's e-mail notifications go. */
  async setEmail(id: string, email: string | null): Promise<UserView> {
    return this.db.transaction(async (m) => {
      const u = await m.findOneBy(UserEntity, { id });
      if (!u) throw DomainError.notFound(text(`用户 ${id} 不存在`, `no user ${id}`));
      await m.update(UserEntity, { id }, { email });
      return toView({ ...u, email });
    });
  }

  list(): Promise<UserView[]> {
    return this.db.read(async (m) => (await m.find(UserEntity, { order: { username: 'ASC' } })).map(toView));
  }

  /**
   * Sign in: the active user and their token version, or 401; 429 with Retry-After while the
   * account waits out its failures (counted on the user row, so every instance agrees).
   */
  async signIn(username: string, password: string): Promise<{ user: Principal; tokenVersion: number }> {
    const u = await this.db.read((m) => m.findOne(UserEntity, { where: { username } }));
    if (!u) {
      dummyHash ??= hash('not a password');
      await verify(await dummyHash, password).catch(() => false);
      throw wrongCredentials();
    }
    if (!(await this.tryPassword(u.id, password))) throw wrongCredentials();
    if (u.deactivatedAt !== null) {
      throw new DomainError(
        ErrorCode.UNAUTHENTICATED,
        text('该账号已停用，请联系系统管理员', 'this account is deactivated: ask the administrator'),
      );
    }
    const fresh = await this.db.read((m) => m.findOneOrFail(UserEntity, { where: { id: u.id } }));
    return { user: toPrincipal(fresh), tokenVersion: fresh.tokenVersion };
  }

  /** Change one's own password: ends every earlier token; the new token version. */
  async changePassword(user: Principal, currentPassword: string, newPassword: string): Promise<number> {
    checkPolicy(newPassword, user.username);
    if (!(await this.tryPassword(user.id, currentPassword))) {
      throw new DomainError(ErrorCode.FORBIDDEN, text('当前密码不正确', 'the current password is wrong'));
    }
    if (newPassword === currentPassword) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, text('新密码不能与当前密码相同', 'the new password is the current one'));
    }
    return this.setPassword(user.id, newPassword);
  }

  /** The admin sets a new password for someone who forgot theirs: their tokens end, their backoff too. */
  async resetPassword(id: string, newPassword: string): Promise<void> {
    const u = await this.db.read((m) => m.findOne(UserEntity, { where: { id } }));
    if (!u) throw DomainError.notFound(text(`用户 ${id} 不存在`, `no user ${id}`));
    checkPolicy(newPassword, u.username);
    await this.setPassword(id, newPassword);
  }

  /** End every token of this user (sign-out: on every device, as one version covers them all). */
  async endTokens(id: string): Promise<void> {
    await this.db.transaction((m) => execute(m, `UPDATE users SET token_version = token_version + 1 WHERE id = ${param(m, 1)}`, [id]));
  }

  private async setPassword(id: string, password: string): Promise<number> {
    const passwordHash = await hash(password);
    return this.db.transaction(async (m) => {
      const sql = `UPDATE users SET password_hash = ${param(m, 1)}, token_version = token_version + 1, failed_logins = 0,
        login_blocked_until = NULL WHERE id = ${param(m, 2)}`;
      await execute(m, sql, [passwordHash, id]);
      return (await m.findOneOrFail(UserEntity, { where: { id } })).tokenVersion;
    });
  }

  /**
   * Is this the user's password? The attempt is counted before the hash is checked, in one
   * statement that waits for any other instance's, so parallel guesses cannot slip past the
   * backoff; a success resets the count. 429 while the account waits.
   */
  private async tryPassword(id: string, password: string): Promise<boolean> {
    const now = new Date();
    const { passwordHash, blockedUntil } = await this.db.transaction(async (m) => {
      const sql = `UPDATE users SET failed_logins = failed_logins + 1
        WHERE id = ${param(m, 1)} AND (login_blocked_until IS NULL OR login_blocked_until <= ${param(m, 2)})`;
      const counted = (await execute(m, sql, [id, now.toISOString()])).affected ?? 0;
      const u = await m.findOneOrFail(UserEntity, { where: { id } });
      if (!counted) return { passwordHash: null, blockedUntil: u.loginBlockedUntil };
      const wait = backoffSeconds(u.failedLogins);
      if (wait > 0) await this.block(m, id, new Date(now.getTime() + wait * 1000));
      return { passwordHash: u.passwordHash, blockedUntil: null };
    });
    if (passwordHash === null) {
      const seconds = Math.max(1, Math.ceil((Date.parse(blockedUntil ?? '') - now.getTime()) / 1000) || 1);
      throw new DomainError(
        ErrorCode.TOO_MANY_REQUESTS,
        text(`该账号登录失败次数过多，请 ${seconds} 秒后再试`, `too many failed sign-ins for this account: try again in ${seconds} s`),
        undefined,
        undefined,
        seconds,
      );
    }
    const ok = await verify(passwordHash, password).catch(() => false);
    if (ok) {
      await this.db.transaction((m) =>
        execute(m, `UPDATE users SET failed_logins = 0, login_blocked_until = NULL WHERE id = ${param(m, 1)}`, [id]),
      );
    }
    return ok;
  }

  private block(m: EntityManager, id: string, until: Date) {
    return m.update(UserEntity, { id }, { loginBlockedUntil: until.toISOString() });
  }

  async isEmpty(): Promise<boolean> {
    return (await this.db.read((m) => m.count(UserEntity))) === 0;
  }

  /** The departments of the governments this reader sees, and of those above theirs (named on their cases). */
  departments(reader: Principal): Promise<DepartmentEntity[]> {
    return this.db.read(async (m) => {
      const paths = new Map((await m.find(GovernmentEntity)).map((g) => [g.id, g.path]));
      const known = (path = '') => seesGovernment(reader, path) || (path !== '' && reader.governmentPath.startsWith(path));
      return (await m.find(DepartmentEntity, { order: { id: 'ASC' } })).filter((d) => known(paths.get(d.governmentId)));
    });
  }

  async department(id: string): Promise<DepartmentEntity | null> {
    return this.db.read((m) => m.findOne(DepartmentEntity, { where: { id } }));
  }

  /** Create or change a department; its government is fixed once set (its users and cases are that government's). */
  async saveDepartment(d: Omit<DepartmentEntity, 'governmentId'> & { governmentId?: string }): Promise<DepartmentEntity> {
    return this.db.transaction(async (m) => {
      const before = await m.findOne(DepartmentEntity, { where: { id: d.id } });
      const governmentId = d.governmentId ?? before?.governmentId ?? FIRST_GOVERNMENT;
      if (before && before.governmentId !== governmentId)
        throw new DomainError(
          ErrorCode.ALREADY_EXISTS,
          text(
            `部门 ${d.id} 属于 ${before.governmentId}，不能改属其他政府`,
            `department ${d.id} is ${before.governmentId}'s: it cannot move`,
          ),
        );
      if (!(await m.existsBy(GovernmentEntity, { id: governmentId })))
        throw invalidField('governmentId', `政府 ${governmentId} 不存在`, `no government ${governmentId}`);
      return m.save(DepartmentEntity, { ...d, governmentId });
    });
  }
}
