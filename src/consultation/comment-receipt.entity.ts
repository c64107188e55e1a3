import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * 回执编号: one row per receipt ever given to a comment, so a receipt is never given twice and a
 * citizen's receipt finds its comment without reading every case. Written in the transaction of the
 * RECORD_COMMENT that gave it; a submission counted on an identical comment gets its own receipt,
 * pointing at that comment.
 */
@Entity('comment_receipts')
export class CommentReceiptEntity {
  @PrimaryColumn({ type: 'varchar', length: 24 })
  receipt: string;

  @Index('IDX_comment_receipts_case')
  @Column({ name: 'case_id', type: 'varchar', length: 36 })
  caseId: string;

  /** the comment's id in its round (`c2`) */
  @Column({ name: 'comment_id', type: 'varchar', length: 20 })
  commentId: string;

  /** the round's opening date: the comment ids restart with each round */
  @Column({ name: 'opened_on', type: 'varchar', length: 10 })
  openedOn: string;

  @Column({ name: 'received_on', type: 'varchar', length: 10 })
  receivedOn: string;
}
