import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { text } from '../../workflows';
import type { Principal } from '../auth/principal';
import { DomainError, ErrorCode } from '../common/domain-error';
import { Db } from '../database/db.service';
import type { HolderBodies } from '../cases/holder';
import { DepartmentEntity } from '../users/department.entity';
import { execute, param } from '../database/sql';
import { GOVERNMENT_LEVELS, GovernmentEntity, type GovernmentLevel } from './government.entity';
import { governmentScope, governmentSql, pathUnder, seesGovernment } from './scope';

export interface GovernmentInput {
  name: string;
  level: GovernmentLevel;
  parentId?: string | null;
  documentPrefix: string;
  jurisdiction: GovernmentEntity['jurisdiction'];
  reviewDepartment?: string | null;
  officeDepartment?: string | null;
}

const invalid = (field: string, zh: string, en: string) =>
  new DomainError(ErrorCode.VALIDATION_FAILED, text(zh, en), [{ field, problems: [en] }]);

/** A lower level than `parent`'s: a city under a province, a county under a city or a province. */
const rank = (level: GovernmentLevel) => GOVERNMENT_LEVELS.indexOf(level);

@Injectable()
export class GovernmentsService {
  constructor(private readonly db: Db) {}

  /** The governments this reader sees, from the top down. */
  list(user: Principal): Promise<GovernmentEntity[]> {
    return this.db.read(async (m) => {
      const { sql, params } = governmentSql(governmentScope(user), 'g.path');
      return m.createQueryBuilder(GovernmentEntity, 'g').where(sql, params).orderBy('g.path').getMany();
    });
  }

  /** Who holds a case's steps beyond its own department's, in this government (`holderOf`). */
  async bodies(id: string): Promise<HolderBodies> {
    const g = await this.db.read((m) => this.get(m, id));
    return { review: g?.reviewDepartment ?? null, office: g?.officeDepartment ?? null };
  }

  /** Every government, from the top down. */
  all(): Promise<GovernmentEntity[]> {
    return this.db.read((m) => m.find(GovernmentEntity, { order: { path: 'ASC' } }));
  }

  get(m: EntityManager, id: string): Promise<GovernmentEntity | null> {
    return m.findOne(GovernmentEntity, { where: { id } });
  }

  /** A government this reader may see, or 404 (one they may not see is not told apart from none). */
  async visible(user: Principal, id: string, m?: EntityManager): Promise<GovernmentEntity> {
    const g = m ? await this.get(m, id) : await this.db.read((r) => this.get(r, id));
    if (!g || !seesGovernment(user, g.path)) throw DomainError.notFound(text(`政府 ${id} 不存在`, `no government ${id}`));
    return g;
  }

  /** The governments directly below `id`. */
  children(m: EntityManager, id: string): Promise<GovernmentEntity[]> {
    return m.find(GovernmentEntity, { where: { parentId: id }, order: { path: 'ASC' } });
  }

  /**
   * Create or change a government. Its place (parent) is fixed once a department belongs to it
   * or to one below it: their cases carry its path. Until then, the paths of the governments,
   * users and clean-ups below it follow it. A prefix is one government's.
   */
  save(id: string, input: GovernmentInput): Promise<GovernmentEntity> {
    return this.db.transaction(async (m) => {
      const before = await this.get(m, id);
      const parentId = input.parentId === undefined ? (before?.parentId ?? null) : input.parentId;
      let parentPath: string | null = null;
      if (parentId) {
        const parent = await this.get(m, parentId);
        if (!parent) throw invalid('parentId', `上级政府 ${parentId} 不存在`, `no government ${parentId}`);
        if (before && parent.path.startsWith(before.path))
          throw invalid('parentId', '上级政府不能是本政府或其下级', 'a government cannot be under itself');
        if (rank(parent.level) >= rank(input.level))
          throw invalid('level', '下级政府的层级须低于上级政府', 'a government must be of a lower level than its parent');
        parentPath = parent.path;
      }
      const path = pathUnder(parentPath, id);
      if (before && path !== before.path && (await this.holdsAnything(m, before.path))) {
        throw new DomainError(
          ErrorCode.ALREADY_EXISTS,
          text('该政府或其下级政府已设部门，隶属关系不能再改', 'departments already belong to it or below it: its parent cannot change'),
        );
      }
      if (before) {
        const below = await this.children(m, id);
        if (below.some((c) => rank(c.level) <= rank(input.level)))
          throw invalid('level', '本政府的层级须高于其下级政府', 'a government must be of a higher level than those below it');
      }
      const taken = await m.findOne(GovernmentEntity, { where: { documentPrefix: input.documentPrefix } });
      if (taken && taken.id !== id)
        throw new DomainError(
          ErrorCode.ALREADY_EXISTS,
          text(`文号前缀 ${input.documentPrefix} 已由 ${taken.name} 使用`, `prefix ${input.documentPrefix} is ${taken.name}'s`),
        );
      const row: GovernmentEntity = {
        id,
        name: input.name,
        level: input.level,
        parentId,
        path,
        documentPrefix: input.documentPrefix,
        jurisdiction: input.jurisdiction,
        reviewDepartment: input.reviewDepartment === undefined ? (before?.reviewDepartment ?? null) : input.reviewDepartment,
        officeDepartment: input.officeDepartment === undefined ? (before?.officeDepartment ?? null) : input.officeDepartment,
      };
      await m.save(GovernmentEntity, row);
      // below it no department (so no case) belongs to anything yet, else the place could not change
      if (before && path !== before.path) {
        for (const g of await m.find(GovernmentEntity)) {
          if (g.id !== id && g.path.startsWith(before.path))
            await m.update(GovernmentEntity, { id: g.id }, { path: path + g.path.slice(before.path.length) });
        }
        for (const table of ['users', 'cleanups']) {
          await execute(
            m,
            `UPDATE ${table} SET government_path = ${param(m, 1)} || SUBSTR(government_path, ${before.path.length + 1}) ` +
              `WHERE SUBSTR(government_path, 1, ${before.path.length}) = ${param(m, 2)}`,
            [path, before.path],
          );
        }
      }
      return row;
    });
  }

  private async holdsAnything(m: EntityManager, path: string): Promise<boolean> {
    const ids = (await m.find(GovernmentEntity)).filter((g) => g.path.startsWith(path)).map((g) => g.id);
    for (const governmentId of ids) if (await m.existsBy(DepartmentEntity, { governmentId })) return true;
    return false;
  }
}
