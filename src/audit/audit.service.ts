import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { CaseEntity } from '../cases/case.entity';
import { Db } from '../database/db.service';
import { execute, param } from '../database/sql';
import { AuditEventEntity } from './audit-event.entity';
import { canonicalJson } from './canonical-json';

export const GENESIS_HASH = '0'.repeat(64);

export interface NewAuditEvent {
  caseId: string;
  seq: number;
  type: string;
  actorId: string;
  actorRole: string;
  occurredAt: string;
  recordedAt: string;
  data: unknown;
}

/** SHA-256 over the previous hash and the canonical event. */
export function hashEvent(prevHash: string, e: Omit<AuditEventEntity, 'id' | 'hash' | 'prevHash'>): string {
  const canonical = canonicalJson({
    caseId: e.caseId,
    seq: e.seq,
    type: e.type,
    actorId: e.actorId,
    actorRole: e.actorRole,
    occurredAt: e.occurredAt,
    recordedAt: e.recordedAt,
    data: e.data,
  });
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

export interface VerifyResult {
  ok: boolean;
  checkedEvents: number;
  firstBrokenEventId: number | null;
}

/**
 * The audit trail: each case's events form a hash chain (SHA-256 over the previous hash and the
 * canonical event). Appends happen inside the transaction that changes the case.
 */
@Injectable()
export class AuditService {
  constructor(private readonly db: Db) {}

  /** Append the case's next event; `prevHash` is the hash of the case's event `seq - 1`. */
  async append(m: EntityManager, e: NewAuditEvent): Promise<void> {
    let prevHash = GENESIS_HASH;
    if (e.seq > 1) {
      const sql = `SELECT hash FROM audit_events WHERE case_id = ${param(m, 1)} AND seq = ${param(m, 2)}`;
      const prev = (await execute(m, sql, [e.caseId, e.seq - 1])).records[0] as { hash: string } | undefined;
      if (!prev) throw new Error(`audit chain of case ${e.caseId} has no event ${e.seq - 1}`);
      prevHash = prev.hash;
    }
    const row = { ...e, data: canonicalJson(e.data ?? {}), prevHash };
    const hash = hashEvent(prevHash, row);
    const p = (i: number) => param(m, i);
    await execute(
      m,
      `INSERT INTO audit_events (case_id, seq, type, actor_id, actor_role, occurred_at, recorded_at, data, prev_hash, hash)
       VALUES (${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, ${p(6)}, ${p(7)}, ${p(8)}, ${p(9)}, ${p(10)})`,
      [row.caseId, row.seq, row.type, row.actorId, row.actorRole, row.occurredAt, row.recordedAt, row.data, prevHash, hash],
    );
  }

  history(caseId: string): Promise<AuditEventEntity[]> {
    return this.db.read((m) => m.find(AuditEventEntity, { where: { caseId }, order: { seq: 'ASC' } }));
  }

  /**
   * Recompute every chain from the stored rows: each event's hash, its link to the previous one,
   * and an unbroken sequence 1..n per case whose last number is the case's version.
   */
  async verify(): Promise<VerifyResult> {
    const PAGE = 2000;
    let checked = 0;
    let firstBroken: number | null = null;
    const broken = (id: number) => {
      if (firstBroken === null || id < firstBroken) firstBroken = id;
    };
    type Chain = { caseId: string; version: number; seq: number; hash: string; lastId: number };
    let current = null as Chain | null;
    // an event deleted from the end of a chain leaves the case's version ahead of it
    const closeChain = (chain: Chain | null) => {
      if (chain && chain.seq !== chain.version) broken(chain.lastId);
    };
    let after: { caseId: string; seq: number } | null = null;
    for (;;) {
      const cursor = after;
      const rows = await this.db.read((m) => {
        const qb = m
          .createQueryBuilder(AuditEventEntity, 'e')
          .innerJoin(CaseEntity, 'c', 'c.id = e.case_id')
          .select(['e.id AS id', 'e.case_id AS "caseId"', 'e.seq AS seq', 'e.type AS type', 'e.actor_id AS "actorId"'])
          .addSelect(['e.actor_role AS "actorRole"', 'e.occurred_at AS "occurredAt"', 'e.recorded_at AS "recordedAt"'])
          .addSelect(['e.data AS data', 'e.prev_hash AS "prevHash"', 'e.hash AS hash', 'c.version AS "caseVersion"'])
          .orderBy('e.case_id', 'ASC')
          .addOrderBy('e.seq', 'ASC')
          .limit(PAGE);
        if (cursor) qb.where('(e.case_id > :c OR (e.case_id = :c AND e.seq > :s))', { c: cursor.caseId, s: cursor.seq });
        return qb.getRawMany<AuditEventEntity & { caseVersion: number }>();
      });
      if (rows.length === 0) break;
      for (const r of rows) {
        const seq = Number(r.seq);
        if (current?.caseId !== r.caseId) {
          closeChain(current);
          current = { caseId: r.caseId, version: Number(r.caseVersion), seq: 0, hash: GENESIS_HASH, lastId: 0 };
        }
        if (seq !== current.seq + 1 || r.prevHash !== current.hash || hashEvent(r.prevHash, { ...r, seq }) !== r.hash) broken(Number(r.id));
        current.seq = seq;
        current.hash = r.hash;
        current.lastId = Number(r.id);
        checked++;
      }
      const tail = rows[rows.length - 1];
      after = { caseId: tail.caseId, seq: Number(tail.seq) };
    }
    closeChain(current);
    return { ok: firstBroken === null, checkedEvents: checked, firstBrokenEventId: firstBroken };
  }
}
