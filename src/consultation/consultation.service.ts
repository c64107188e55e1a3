import { Injectable } from '@nestjs/common';
import { shanghaiDate, text } from '../../workflows';
import { CaseEntity } from '../cases/case.entity';
import { CaseCommands } from '../cases/cases.commands';
import { DomainError } from '../common/domain-error';
import { Db } from '../database/db.service';
import { DepartmentEntity } from '../users/department.entity';
import type { CommentReceipt } from './consultation.response';

interface OpenComment {
  draftText?: string;
  startDate: string;
  endDate: string;
  channels: string[];
  closedOn?: string;
}

/**
 * 公开征求意见: what is open for public comment today, and a citizen's comment, which lands in
 * the case as RECORD_COMMENT for the official to dispose of.
 */
@Injectable()
export class ConsultationService {
  constructor(
    private readonly db: Db,
    private readonly cases: CaseCommands,
  ) {}

  private view(row: CaseEntity, departments: Map<string, string>) {
    const context = row.snapshot.context as { publicComment?: OpenComment | null; draft?: { summary?: string } | null };
    const pc = context.publicComment!;
    return {
      id: row.id,
      procedure: row.procedure,
      title: row.title,
      department: departments.get(row.department) ?? row.department,
      startDate: pc.startDate,
      endDate: pc.endDate,
      channels: pc.channels,
      draftText: pc.draftText ?? context.draft?.summary ?? '',
    };
  }

  /** Open now: the period has started, has not ended, and the official has not closed it. */
  async open() {
    const today = shanghaiDate(new Date());
    return this.db.read(async (m) => {
      const rows = await m
        .createQueryBuilder(CaseEntity, 'c')
        .where("c.due_code = 'COMMENT_PERIOD_END' AND c.due_date >= :today", { today })
        .orderBy('c.due_date', 'ASC')
        .getMany();
      const departments = new Map((await m.find(DepartmentEntity)).map((d) => [d.id, d.name]));
      return rows
        .filter((r) => (r.snapshot.context as { publicComment?: OpenComment }).publicComment!.startDate <= today)
        .map((r) => this.view(r, departments));
    });
  }

  async one(id: string) {
    const found = (await this.open()).find((c) => c.id === id);
    if (!found) throw DomainError.notFound(text('该事项不在公开征求意见期内', 'no open consultation with this id'));
    return found;
  }

  /**
   * The citizen's receipt: the comment's id, and `merged` when the same text (see
   * `identicalComment`) was already in this period, so it was counted on that comment.
   */
  async comment(id: string, content: string, submitter?: string): Promise<CommentReceipt> {
    await this.one(id);
    const landed = await this.cases.recordPublicComment(id, { content, ...(submitter ? { submitter } : {}) });
    return { received: true, commentId: landed.id, merged: (landed.count ?? 1) > 1 };
  }
}
