import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/**
 * The hashes of the audit trail, with nothing of Nest or the database, so that anyone (a test, an
 * auditor's script) can recompute them. Every link is SHA-256 over the previous hash, a newline
 * and what is linked.
 */
export const GENESIS_HASH = '0'.repeat(64);

/** What the hash of one event covers. */
export interface HashedEvent {
  caseId: string;
  seq: number;
  type: string;
  actorId: string;
  actorRole: string;
  occurredAt: string;
  recordedAt: string;
  /** the event's data as canonical JSON text */
  data: string;
}

const link = (prev: string, next: string) => createHash('sha256').update(prev).update('\n').update(next).digest('hex');

/** An event's hash in its case's chain: over the case's previous event hash and the canonical event. */
export function hashEvent(prevHash: string, e: HashedEvent): string {
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
  return link(prevHash, canonical);
}

/** An event's hash in the chain across all cases: over the previous event's global hash and this event's hash. */
export function globalHash(prevGlobalHash: string, eventHash: string): string {
  return link(prevGlobalHash, eventHash);
}

/** What a checkpoint's Ed25519 signature covers: plain lines a supervisor can rebuild and check with openssl. */
export function checkpointMessage(cp: { seq: number; headHash: string; takenAt: string }): string {
  return ['docket-audit-checkpoint/1', `seq=${cp.seq}`, `head=${cp.headHash}`, `taken-at=${cp.takenAt}`].join('\n');
}
