// The answers of /api/audit, as classes the Swagger CLI plugin describes.

type CheckpointFault = 'signature' | 'chain' | 'missing-events';

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
  configured: boolean;
  keyId: string | null;
  checked: number;
  holding: number;
  latest: CheckpointRef | null;
  otherKeys: KeyCount[];
  broken: BrokenCheckpoint[];
  brokenTotal: number;
}

export class VerifyResult {
  ok: boolean;
  checkedEvents: number;
  firstBrokenEventId: number | null;
  chain: ChainReport;
  checkpoints: CheckpointReport;
}

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
  keyId: string | null;
  publicKey: string | null;
  checkpoints: ExportedCheckpoint[];
  /** the `after` of the next page; null on the last */
  next: number | null;
}

export class KeptCheckpointResult {
  holds: boolean;
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
  since: string;
  total: RefusalTotals;
  byDay: RefusalDay[];
}
