import type { Principal } from '../auth/principal';
import { FIRST_GOVERNMENT } from '../database/migrations/1764979200000-governments';
import { governmentSql, type GovernmentScope } from '../governments/scope';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { law, text, zhDate } from '../../workflows';
import { DomainError, ErrorCode } from '../common/domain-error';
import { Db } from '../database/db.service';
import { lockUntilCommit } from '../database/lock';
import { CatalogueEntity, CatalogueItemEntity } from './catalogue.entity';

const itemNotFound = (id: string) => DomainError.notFound(text(`目录事项 ${id} 不存在`, `no catalogue item ${id}`));

const CATALOGUE_BASIS = law.decree713(3, '决策事项目录');

/**
 * The annual catalogue of major decisions (决策事项目录): items are added, the catalogue is
 * published, and during the year items are added (with the reason for the adjustment) or withdrawn.
 */
/** One government's catalogue of a year: items are numbered and it is published one transaction at a time. */
const catalogueLock = (governmentId: string, year: number) => `catalogue:${governmentId}:${year}`;

/**
 * 目录编号: `<year>-<seq>` (2023-01) in the first government's catalogues, as before governments
 * were records; `<government>-<year>-<seq>` in every other's, so an item's id is one item's.
 */
const itemId = (governmentId: string, year: number, seq: number) =>
  `${governmentId === FIRST_GOVERNMENT ? '' : `${governmentId}-`}${year}-${String(seq).padStart(2, '0')}`;

@Injectable()
export class CatalogueService {
  constructor(private readonly db: Db) {}

  /** The year's catalogue of the reader's own government. */
  async get(year: number, user: Pick<Principal, 'governmentId'>) {
    const governmentId = user.governmentId;
    return this.db.read(async (m) => {
      const catalogue = await m.findOne(CatalogueEntity, { where: { governmentId, year } });
      const items = await m.find(CatalogueItemEntity, { where: { year, governmentId }, order: { seq: 'ASC' } });
      return { year, publishedOn: catalogue?.publishedOn ?? null, items };
    });
  }

  async addItem(
    year: number,
    input: { title: string; department: string; addedOn: string; adjustmentReason?: string },
    user: Pick<Principal, 'governmentId'>,
  ) {
    const governmentId = user.governmentId;
    return this.db.transaction(async (m) => {
      // additions side by side (PostgreSQL, or another instance) would otherwise read the same MAX, or miss a publication
      await lockUntilCommit(m, catalogueLock(governmentId, year));
      const published = (await m.findOne(CatalogueEntity, { where: { governmentId, year } }))?.publishedOn;
      if (published && !input.adjustmentReason?.trim()) {
        const message = text(
          `${year} 年度目录已于 ${zhDate(published)} 公布，调整目录须说明理由`,
          `the ${year} catalogue is published: state the reason for the adjustment`,
        );
        throw new DomainError(ErrorCode.PROCEDURE_VIOLATION, message, undefined, [
          { code: 'ADJUSTMENT_REASON_REQUIRED', message, legalBasis: CATALOGUE_BASIS },
        ]);
      }
      const { max } = (await m
        .createQueryBuilder(CatalogueItemEntity, 'i')
        .select('MAX(i.seq)', 'max')
        .where('i.year = :year AND i.government_id = :governmentId', { year, governmentId })
        .getRawOne<{ max: number | null }>()) ?? { max: null };
      const seq = Number(max ?? 0) + 1;
      const item: CatalogueItemEntity = {
        id: itemId(governmentId, year, seq),
        year,
        seq,
        title: input.title,
        department: input.department,
        governmentId,
        addedOn: input.addedOn,
        adjustmentReason: published ? (input.adjustmentReason ?? null) : null,
        withdrawnOn: null,
        withdrawalReason: null,
      };
      await m.insert(CatalogueItemEntity, item);
      return item;
    });
  }

  async publish(year: number, publishedOn: string, user: Pick<Principal, 'id' | 'governmentId'>) {
    const { id: userId, governmentId } = user;
    return this.db.transaction(async (m) => {
      // one publication at a time, and never while an item is being added
      await lockUntilCommit(m, catalogueLock(governmentId, year));
      if ((await m.count(CatalogueItemEntity, { where: { year, governmentId } })) === 0) {
        const message = text(`${year} 年度目录没有事项，不能公布`, `the ${year} catalogue has no items`);
        throw new DomainError(ErrorCode.PROCEDURE_VIOLATION, message, undefined, [
          { code: 'CATALOGUE_EMPTY', message, legalBasis: CATALOGUE_BASIS },
        ]);
      }
      const existing = await m.findOne(CatalogueEntity, { where: { governmentId, year } });
      if (existing?.publishedOn) {
        const message = text(
          `${year} 年度目录已于 ${zhDate(existing.publishedOn)} 公布`,
          `the ${year} catalogue was published on ${existing.publishedOn}`,
        );
        throw new DomainError(ErrorCode.PROCEDURE_VIOLATION, message, undefined, [
          { code: 'CATALOGUE_ALREADY_PUBLISHED', message, legalBasis: CATALOGUE_BASIS },
        ]);
      }
      await m.save(CatalogueEntity, { governmentId, year, publishedOn, publishedBy: userId });
      return { year, publishedOn };
    });
  }

  async withdraw(id: string, withdrawnOn: string, reason: string, user: Pick<Principal, 'governmentId'>) {
    return this.db.transaction(async (m) => {
      const item = await m.findOne(CatalogueItemEntity, { where: { id, governmentId: user.governmentId } });
      if (!item) throw itemNotFound(id);
      await m.update(CatalogueItemEntity, { id }, { withdrawnOn, withdrawalReason: reason });
      return { ...item, withdrawnOn, withdrawalReason: reason };
    });
  }

  /**
   * Was the item in its government's published catalogue of the year on `date`? An unknown item is 404; an item
   * that exists but was not yet published, or was withdrawn, starts a decision flagged as outside.
   */
  async listing(m: EntityManager | null, id: string, date: string, governmentId: string): Promise<{ itemId: string; listed: boolean }> {
    const run = async (em: EntityManager) => {
      // a decision is started under its own government's catalogue: another's item is none
      const item = await em.findOne(CatalogueItemEntity, { where: { id, governmentId } });
      if (!item) throw itemNotFound(id);
      const catalogue = await em.findOne(CatalogueEntity, { where: { governmentId, year: item.year } });
      const listed =
        Boolean(catalogue?.publishedOn && catalogue.publishedOn <= date) &&
        item.addedOn <= date &&
        (!item.withdrawnOn || item.withdrawnOn > date);
      return { itemId: id, listed };
    };
    return m ? run(m) : this.db.read(run);
  }

  /** Items of the year's catalogues (of the governments in scope) that were not withdrawn (the report's "in catalogue"). */
  async activeCount(year: number, scope: { government: GovernmentScope; department?: string }, m?: EntityManager): Promise<number> {
    const g = governmentSql(scope.government, 'ig.path');
    const department = scope.department;
    const count = (em: EntityManager) => {
      const qb = em
        .createQueryBuilder(CatalogueItemEntity, 'i')
        .where('i.year = :year AND i.withdrawn_on IS NULL', { year })
        .andWhere(`i.government_id IN (SELECT ig.id FROM governments ig WHERE ${g.sql})`, g.params);
      if (department) qb.andWhere('i.department = :department', { department });
      return qb.getCount();
    };
    return m ? count(m) : this.db.read(count);
  }
}
