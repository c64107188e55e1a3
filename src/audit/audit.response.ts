import type { CheckpointFault } from './audit.service';

// The answers of /api/audit, as classes the Swagger CLI plugin describes.

export class ChainReport {
  ok: boolean;
  length: number;
  headHash: string;
}

export class CheckpointRef {
  id: number;
  seq: number;
  takenAt: string;
}

export class KeyCount {
  keyId: string;
  count: number;
}

export class BrokenCheckpoint {
  id: number;
  seq: number;
  keyId: string;
  takenAt: string;
  reason: CheckpointFault;
}

export class CheckpointReport {
  /** false when DOCKET_AUDIT_KEY is not set: checkpoints are then neither taken nor their signatures checked */
  configured: boolean;
  keyId: string | null;
  checked: number;
  /** signed by the configured key, and the chain still has their head */
  holding: number;
  /** the latest of those */
  latest: CheckpointRef | null;
  /** signed by another key (an earlier one, or anyone's): their heads are checked, their signatures cannot be (first 100 keys) */
  otherKeys: KeyCount[];
  broken: BrokenCheckpoint[];
  brokenTotal: number;
}

export class VerifyResult {
  ok: boolean;
  checkedEvents: number;
  /** the first event (lowest id) whose hash, link or place is wrong; after a missing tail, the last event left */
  firstBrokenEventId: number | null;
  /** the chain across all cases */
  chain: ChainReport;
  checkpoints: CheckpointReport;
}

/** A checkpoint as a supervisor keeps it: the fields, and the exact message its signature covers. */
export class ExportedCheckpoint {
  id: number;
  message: string;
  seq: number;
  headHash: string;
  takenAt: string;
  keyId: string;
  signature: string;
}

export class TakenCheckpoint extends ExportedCheckpoint {
  publicKey: string;
}

export class CheckpointExport {
  algorithm: 'Ed25519';
  /** the configured key, which signs new checkpoints (null: DOCKET_AUDIT_KEY is not set) */
  keyId: string | null;
  publicKey: string | null;
  checkpoints: ExportedCheckpoint[];
  /** the `after` of the next page; null on the last */
  next: number | null;
}

export class KeptCheckpointResult {
  /** whether today's chain still has this head at this sequence, every event up to it intact */
  holds: boolean;
  /** `valid`: signed by the configured key; `unknown-key`: by another key, check it with that key's public key */
  signature: 'valid' | 'invalid' | 'unknown-key';
  keyId: string;
  seq: number;
  reason?: CheckpointFault;
}

export class RefusalRecord {
  id: number;
  at: string;
  userId: string | null;
  method: string;
  path: string;
  status: number;
  code: string;
  message: string;
  /** the codes of the rules that refused it */
  blockers: string[];
}

export class RefusalTotals {
  anonymous: number;
  throttled: number;
}

export class RefusalDay {
  day: string;
  anonymous: number;
  throttled: number;
}

export class RefusalCounts {
  /** the first day counted */
  since: string;
  total: RefusalTotals;
  /** newest first; days without a refusal counted are left out */
  byDay: RefusalDay[];
}
