import { randomInt } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { identicalComment, type CommentRecord } from '../../workflows';
import type { CaseEntity } from '../cases/case.entity';
import { CommentReceiptEntity } from './comment-receipt.entity';

/** Letters and digits that cannot be misread for one another when copied by hand (no 0 O 1 I L U). */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
const RANDOM_LENGTH = 8;

/** 回执编号 as a citizen writes it down: `YJ-20260902-7KQ3M9XA` (意见, the day received, 8 random characters). */
export const RECEIPT_PATTERN = /^YJ-\d{8}-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{8}$/;

export function newReceipt(receivedOn: string): string {
  let tail = '';
  for (let i = 0; i < RANDOM_LENGTH; i++) tail += ALPHABET[randomInt(ALPHABET.length)];
  return `YJ-${receivedOn.replace(/-/g, '')}-${tail}`;
}

/** A receipt no comment has had (30⁸ to a day: a clash is drawn again, never given twice). */
export async function allocateReceipt(m: EntityManager, receivedOn: string): Promise<string> {
  for (;;) {
    const receipt = newReceipt(receivedOn);
    if (!(await m.existsBy(CommentReceiptEntity, { receipt }))) return receipt;
  }
}

type WithComments = { publicComment?: { openedOn: string; comments: CommentRecord[] } | null };

/**
 * After the RECORD_COMMENT that was given `receipt`: the comment it landed on (a new one, or the
 * identical one it was counted on), written down so the receipt finds it.
 */
export async function keepReceipt(m: EntityManager, row: CaseEntity, receipt: string, content: string, receivedOn: string) {
  const pc = (row.snapshot.context as WithComments).publicComment;
  const comment = pc && (pc.comments.find((c) => c.receipt === receipt) ?? identicalComment(pc.comments, content));
  if (!pc || !comment) return;
  await m.insert(CommentReceiptEntity, { receipt, caseId: row.id, commentId: comment.id, openedOn: pc.openedOn, receivedOn });
}
