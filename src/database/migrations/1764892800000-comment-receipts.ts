import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/** 回执编号: the receipts given to public comments, each pointing at its case, round and comment. */
export class CommentReceipts1764892800000 implements MigrationInterface {
  name = 'CommentReceipts1764892800000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'comment_receipts',
        columns: [
          { name: 'receipt', type: 'varchar', length: '24', isPrimary: true },
          { name: 'case_id', type: 'varchar', length: '36' },
          { name: 'comment_id', type: 'varchar', length: '20' },
          { name: 'opened_on', type: 'varchar', length: '10' },
          { name: 'received_on', type: 'varchar', length: '10' },
        ],
        indices: [{ name: 'IDX_comment_receipts_case', columnNames: ['case_id'] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('comment_receipts');
  }
}
