import { Injectable, Optional } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CaseEntity } from '../cases/case.entity';
import { AppConfig } from '../config/config';
import { Db } from '../database/db.service';
import { lockUntilCommit } from '../database/lock';
import { execute, param } from '../database/sql';
import { AuditCheckpointEntity } from './audit-checkpoint.entity';
import { AuditEventEntity } from './audit-event.entity';
import { AuditKey, verifySignature } from './audit-key';
import { canonicalJson } from './canonical-json';
import type { CheckpointReport, KeptCheckpointResult, VerifyResult } from './audit.response';
import { checkpointMessage, GENESIS_HASH, globalHash, hashEvent, type HashedEvent } from './chain';

export { GENESIS_HASH, hashEvent } from './chain';

/** Held from reading the chain's head until the commit that extends it: the chain never forks. */
export const AUDIT_CHAIN_LOCK = 'audit-chain';

/** An event to append: what its hash covers, with its data not yet made canonical. */
export type NewAuditEvent = Omit<HashedEvent, 'data'> & { data: unknown };

export interface ChainHead {
  seq: number;
  hash: string;
}

/** The last link of the chain across all cases (seq 0 and the genesis hash while it is empty). */
export async function chainHead(m: EntityManager): Promise<ChainHead> {
  const sql =
    'SELECT global_seq AS seq, global_hash AS hash FROM audit_events WHERE global_seq IS NOT NULL ORDER BY global_seq DESC LIMIT 1';
  const head = (await execute(m, sql, [])).records[0] as { seq: number | string; hash: string } | undefined;
  return head ? { seq: Number(head.seq), hash: head.hash } : { seq: 0, hash: GENESIS_HASH };
}

/** Why a checkpoint does not hold: its signature, the chain's hash at its sequence, or events it counted that are gone. */
export type CheckpointFault = 'signature' | 'chain' | 'missing-events';

/** A checkpoint as exported, and as a supervisor sends a kept one back. */
export interface CheckpointClaim {
  seq: number;
  headHash: string;
  takenAt: string;
  keyId: string;
  signature: string;
}

const PAGE = 2000;
const MAX_LISTED = 100;

type EventRow = Omit<AuditEventEntity, 'seq' | 'globalSeq'> & { seq: number | string; globalSeq: number | string | null };

/**
 * The audit trail. Each case's events form a hash chain (SHA-256 over the previous hash and the
 * canonical event), and all events together form a second chain in the order they were
 * committed, so a deleted case or event breaks its successor's link. Appends happen inside the
 * transaction that changes the case. Signed checkpoints of the second chain's head
 * (AuditCheckpoints) fix history up to them against a writer who recomputes every hash.
 */
@Injectable()
export class AuditService {
  private readonly key?: AuditKey;

  /** `config` is left out by scripts that only append (bench): then no key, as without DOCKET_AUDIT_KEY */
  constructor(
    private readonly db: Db,
    @Optional() config?: AppConfig,
  ) {
    this.key = config?.auditKey;
  }

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
    // taken last, so other instances wait only for this insert and the commit
    await lockUntilCommit(m, AUDIT_CHAIN_LOCK);
    const head = await chainHead(m);
    const p = (i: number) => param(m, i);
    await execute(
      m,
      `INSERT INTO audit_events (case_id, seq, type, actor_id, actor_role, occurred_at, recorded_at, data, prev_hash, hash, global_seq, global_hash)
       VALUES (${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, ${p(6)}, ${p(7)}, ${p(8)}, ${p(9)}, ${p(10)}, ${p(11)}, ${p(12)})`,
      [
        row.caseId,
        row.seq,
        row.type,
        row.actorId,
        row.actorRole,
        row.occurredAt,
        row.recordedAt,
        row.data,
        prevHash,
        hash,
        head.seq + 1,
        globalHash(head.hash, hash),
      ],
    );
  }

  history(caseId: string): Promise<AuditEventEntity[]> {
    return this.db.read((m) => m.find(AuditEventEntity, { where: { caseId }, order: { seq: 'ASC' } }));
  }

  /**
   * Recompute every chain from the stored rows, page by page: each case's chain (each event's
   * hash, its link to the previous one, an unbroken sequence 1..n whose last number is the case's
   * version), then the chain across cases (1..n without gap, each global hash over the previous),
   * and every checkpoint against it. `claim`, a checkpoint a supervisor kept, is checked alongside.
   */
  async verify(claim?: CheckpointClaim): Promise<VerifyResult & { claim?: KeptCheckpointResult }> {
    let firstBroken: number | null = null;
    const broken = (id: number) => {
      if (firstBroken === null || id < firstBroken) firstBroken = id;
    };
    // checkpoints taken after this moment may count events the walk below has passed: leave them to the next verify
    const lastCheckpoint = await this.db.read(async (m) => {
      const r = (await execute(m, 'SELECT MAX(id) AS id FROM audit_checkpoints', [])).records[0] as
        { id: number | string | null } | undefined;
      return Number(r?.id ?? 0);
    });
    const cases = await this.verifyCases(broken);
    const global = await this.verifyGlobal(cases.firstAlteredSeq, lastCheckpoint, broken, claim);
    const ok = firstBroken === null && global.chainOk && global.report.brokenTotal === 0;
    return {
      ok,
      checkedEvents: cases.checked,
      firstBrokenEventId: firstBroken,
      chain: { ok: global.chainOk, length: global.length, headHash: global.headHash },
      checkpoints: global.report,
      ...(global.claim ? { claim: global.claim } : {}),
    };
  }

  /** Each case's chain, in (case, seq) order; an event whose own hash no longer matches marks history altered from its global place on. */
  private async verifyCases(broken: (id: number) => void) {
    let checked = 0;
    let firstAlteredSeq = Infinity;
    type Chain = { caseId: string; version: number | null; seq: number; hash: string; lastId: number };
    let current = null as Chain | null;
    // an event deleted from the end of a chain leaves the case's version ahead of it
    const closeChain = (chain: Chain | null) => {
      if (chain && chain.version !== null && chain.seq !== chain.version) broken(chain.lastId);
    };
    let after: { caseId: string; seq: number } | null = null;
    for (;;) {
      const cursor = after;
      const rows = await this.db.read(async (m) => {
        const qb = m
          .createQueryBuilder(AuditEventEntity, 'e')
          .select(['e.id AS id', 'e.case_id AS "caseId"', 'e.seq AS seq', 'e.type AS type', 'e.actor_id AS "actorId"'])
          .addSelect(['e.actor_role AS "actorRole"', 'e.occurred_at AS "occurredAt"', 'e.recorded_at AS "recordedAt"'])
          .addSelect(['e.data AS data', 'e.prev_hash AS "prevHash"', 'e.hash AS hash', 'e.global_seq AS "globalSeq"'])
          .orderBy('e.case_id', 'ASC')
          .addOrderBy('e.seq', 'ASC')
          .limit(PAGE);
        // a row value, so both databases seek the (case_id, seq) index instead of scanning it from the start every page
        if (cursor) qb.where('(e.case_id, e.seq) > (:c, :s)', { c: cursor.caseId, s: cursor.seq });
        const events = await qb.getRawMany<EventRow>();
        // the cases' versions apart, by id: a join made PostgreSQL walk the cases from the first one every page
        const ids = [...new Set(events.map((e) => e.caseId))];
        const versions = new Map<string, number>();
        if (ids.length) {
          const found = await m
            .createQueryBuilder(CaseEntity, 'c')
            .select(['c.id', 'c.version'])
            .where('c.id IN (:...ids)', { ids })
            .getMany();
          for (const c of found) versions.set(c.id, c.version);
        }
        // an event whose case row is gone is reported, not skipped
        return events.map((e) => ({ ...e, caseVersion: versions.get(e.caseId) ?? null }));
      });
      if (rows.length === 0) break;
      for (const r of rows) {
        const seq = Number(r.seq);
        const id = Number(r.id);
        if (current?.caseId !== r.caseId) {
          closeChain(current);
          const version = r.caseVersion === null ? null : Number(r.caseVersion);
          current = { caseId: r.caseId, version, seq: 0, hash: GENESIS_HASH, lastId: 0 };
        }
        const altered = hashEvent(r.prevHash, { ...r, seq }) !== r.hash;
        if (altered && r.globalSeq !== null) firstAlteredSeq = Math.min(firstAlteredSeq, Number(r.globalSeq));
        // an event of no case, or in no place of the chain across cases, was not written by Docket
        if (altered || seq !== current.seq + 1 || r.prevHash !== current.hash || current.version === null || r.globalSeq === null)
          broken(id);
        current.seq = seq;
        current.hash = r.hash;
        current.lastId = id;
        checked++;
      }
      const tail = rows[rows.length - 1];
      after = { caseId: tail.caseId, seq: Number(tail.seq) };
    }
    closeChain(current);
    return { checked, firstAlteredSeq };
  }

  /**
   * The chain across cases in global order, with the checkpoints merged in by sequence: a
   * checkpoint holds if the chain has its head at its sequence and nothing before it is broken.
   */
  private async verifyGlobal(firstAlteredSeq: number, lastCheckpoint: number, broken: (id: number) => void, claim?: CheckpointClaim) {
    const report: CheckpointReport = {
      configured: Boolean(this.key),
      keyId: this.key?.keyId ?? null,
      checked: 0,
      holding: 0,
      latest: null,
      otherKeys: [],
      broken: [],
      brokenTotal: 0,
    };
    const otherKeys = new Map<string, number>();
    let claimResult: KeptCheckpointResult | undefined;
    // the first global sequence number from which the chain is not what was written
    let firstBreak = firstAlteredSeq;
    let chainOk = true;
    let expected = 1;
    let prev = GENESIS_HASH;
    let lastId: number | null = null;

    const signatureOf = (cp: CheckpointClaim): KeptCheckpointResult['signature'] => {
      if (!this.key || cp.keyId !== this.key.keyId) return 'unknown-key';
      return verifySignature(this.key.publicKey, checkpointMessage(cp), cp.signature) ? 'valid' : 'invalid';
    };
    // `at`: the stored link at the checkpoint's sequence, null when no event has that number any more
    const chainFault = (cp: CheckpointClaim, at: string | null): CheckpointFault | undefined => {
      if (at === null) return 'missing-events';
      if (at !== cp.headHash || cp.seq >= firstBreak) return 'chain';
      return undefined;
    };
    const record = (cp: AuditCheckpointEntity, at: string | null) => {
      report.checked++;
      const signature = signatureOf(cp);
      const fault = signature === 'invalid' ? 'signature' : chainFault(cp, at);
      if (fault) {
        report.brokenTotal++;
        if (report.broken.length < MAX_LISTED)
          report.broken.push({ id: cp.id, seq: cp.seq, keyId: cp.keyId, takenAt: cp.takenAt, reason: fault });
      } else if (signature === 'unknown-key') {
        // rows written behind Docket's back may name any number of keys: list the first ones only
        if (otherKeys.has(cp.keyId) || otherKeys.size < MAX_LISTED) otherKeys.set(cp.keyId, (otherKeys.get(cp.keyId) ?? 0) + 1);
      } else {
        report.holding++;
        if (!report.latest || cp.seq > report.latest.seq) report.latest = { id: cp.id, seq: cp.seq, takenAt: cp.takenAt };
      }
    };
    const recordClaim = (c: CheckpointClaim, at: string | null) => {
      const fault = chainFault(c, at);
      claimResult = { holds: !fault, signature: signatureOf(c), keyId: c.keyId, seq: c.seq, ...(fault ? { reason: fault } : {}) };
    };

    const checkpoints = this.checkpointsBySeq(lastCheckpoint);
    let next = await checkpoints.next();
    const due = (seq: number) => (!next.done && next.value.seq <= seq) || (claim !== undefined && !claimResult && claim.seq <= seq);
    // checkpoints up to `seq`: those at `seq` are judged against its link `at`; those before it name a number that is gone
    const reach = async (seq: number, at: string | null) => {
      while (!next.done && next.value.seq <= seq) {
        record(next.value, next.value.seq === seq ? at : null);
        next = await checkpoints.next();
      }
      if (claim && !claimResult && claim.seq <= seq) recordClaim(claim, claim.seq === seq ? at : null);
    };
    if (due(0)) await reach(0, GENESIS_HASH);

    // from the lowest integer: a row numbered 0 or below is out of place, not out of sight
    for (let after = -2147483648; ;) {
      const cursor = after;
      const rows = await this.db.read(async (m) => {
        const sql = `SELECT id, hash, global_seq AS "globalSeq", global_hash AS "globalHash" FROM audit_events
                     WHERE global_seq > ${param(m, 1)} ORDER BY global_seq LIMIT ${PAGE}`;
        return (await execute(m, sql, [cursor])).records as {
          id: number | string;
          hash: string;
          globalSeq: number | string;
          globalHash: string;
        }[];
      });
      if (rows.length === 0) break;
      for (const r of rows) {
        const seq = Number(r.globalSeq);
        const id = Number(r.id);
        // a gap (events deleted) or a link that does not follow from the previous one
        if (seq !== expected || r.globalHash !== globalHash(prev, r.hash)) {
          chainOk = false;
          broken(id);
          firstBreak = Math.min(firstBreak, seq);
        }
        if (due(seq)) await reach(seq, r.globalHash);
        // go on from what is stored, so one break is reported once and not at every later event
        expected = seq + 1;
        prev = r.globalHash;
        lastId = id;
      }
      after = Number(rows[rows.length - 1].globalSeq);
    }
    // checkpoints beyond the last event counted events that are no longer there: the break is after the last one left
    const brokenBefore = report.brokenTotal;
    await reach(Infinity, null);
    if (report.brokenTotal > brokenBefore && lastId !== null) broken(lastId);

    report.otherKeys = [...otherKeys].map(([keyId, count]) => ({ keyId, count }));
    return { chainOk, length: expected - 1, headHash: prev, report, claim: claimResult };
  }

  /** The checkpoints taken up to `lastId`, in order of sequence, a page at a time. */
  private async *checkpointsBySeq(lastId: number): AsyncGenerator<AuditCheckpointEntity> {
    let after = { seq: -1, id: 0 };
    for (;;) {
      const cursor = after;
      const page = await this.db.read((m) =>
        m
          .createQueryBuilder(AuditCheckpointEntity, 'k')
          .where('k.id <= :lastId', { lastId })
          .andWhere('(k.seq > :seq OR (k.seq = :seq AND k.id > :id))', cursor)
          .orderBy('k.seq', 'ASC')
          .addOrderBy('k.id', 'ASC')
          .take(500)
          .getMany(),
      );
      if (page.length === 0) return;
      yield* page;
      const last = page[page.length - 1];
      after = { seq: last.seq, id: last.id };
    }
  }
}
