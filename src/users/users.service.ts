import { Injectable } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';
import { randomUUID } from 'node:crypto';
import { text, type Role } from '../../workflows';
import type { Principal } from '../auth/principal';
import { DomainError, ErrorCode } from '../common/domain-error';
import { Db } from '../database/db.service';
import { DepartmentEntity } from './department.entity';
import { UserEntity } from './user.entity';

export interface NewUser {
  username: string;
  password: string;
  displayName: string;
  roles: Role[];
  department?: string | null;
}

const toPrincipal = (u: UserEntity): Principal => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  roles: u.roles,
  department: u.department,
});

// a hash to verify against when the user does not exist, so both answers take the same time
let dummyHash: Promise<string> | undefined;

@Injectable()
export class UsersService {
  constructor(private readonly db: Db) {}

  async create(input: NewUser): Promise<Principal> {
    const passwordHash = await hash(input.password);
    return this.db.transaction(async (m) => {
      if (input.roles.includes('official') && !input.department) {
        throw new DomainError(ErrorCode.VALIDATION_FAILED, text('承办人员必须属于一个部门', 'an official must belong to a department'));
      }
      if (input.department && !(await m.existsBy(DepartmentEntity, { id: input.department }))) {
        throw new DomainError(ErrorCode.VALIDATION_FAILED, text(`部门 ${input.department} 不存在`, `no department ${input.department}`));
      }
      if (await m.existsBy(UserEntity, { username: input.username })) {
        throw new DomainError(ErrorCode.ALREADY_EXISTS, text(`用户名 ${input.username} 已存在`, `username ${input.username} is taken`));
      }
      const user: UserEntity = {
        id: randomUUID(),
        username: input.username,
        passwordHash,
        displayName: input.displayName,
        roles: [...new Set(input.roles)],
        department: input.department ?? null,
        createdAt: new Date().toISOString(),
      };
      await m.insert(UserEntity, user);
      return toPrincipal(user);
    });
  }

  /** Remove a user: their tokens stop working at once (every request looks the user up). */
  async remove(id: string, by: Principal): Promise<void> {
    if (id === by.id) throw new DomainError(ErrorCode.VALIDATION_FAILED, text('不能删除自己的账号', 'you cannot delete your own account'));
    const result = await this.db.transaction((m) => m.delete(UserEntity, { id }));
    if (!result.affected) throw DomainError.notFound(text(`用户 ${id} 不存在`, `no user ${id}`));
  }

  async principal(id: string): Promise<Principal | null> {
    const u = await this.db.read((m) => m.findOne(UserEntity, { where: { id } }));
    return u ? toPrincipal(u) : null;
  }

  list(): Promise<Principal[]> {
    return this.db.read(async (m) => (await m.find(UserEntity, { order: { username: 'ASC' } })).map(toPrincipal));
  }

  async checkPassword(username: string, password: string): Promise<Principal | null> {
    const u = await this.db.read((m) => m.findOne(UserEntity, { where: { username } }));
    dummyHash ??= hash('not a password');
    const ok = await verify(u?.passwordHash ?? (await dummyHash), password).catch(() => false);
    return u && ok ? toPrincipal(u) : null;
  }

  async isEmpty(): Promise<boolean> {
    return (await this.db.read((m) => m.count(UserEntity))) === 0;
  }

  departments(): Promise<DepartmentEntity[]> {
    return this.db.read((m) => m.find(DepartmentEntity, { order: { id: 'ASC' } }));
  }

  async department(id: string): Promise<DepartmentEntity | null> {
    return this.db.read((m) => m.findOne(DepartmentEntity, { where: { id } }));
  }

  async saveDepartment(d: DepartmentEntity): Promise<DepartmentEntity> {
    return this.db.transaction((m) => m.save(DepartmentEntity, d));
  }
}
