import { Injectable } from '@nestjs/common';
import { shanghaiDate, text, type CommentRecord } from '../../workflows';
import { CaseEntity } from '../cases/case.entity';
import { CaseCommands } from '../cases/cases.commands';
import { DomainError } from '../common/domain-error';
import { Db } from '../database/db.service';
import { DepartmentEntity } from '../users/department.entity';
import { CommentReceiptEntity } from './comment-receipt.entity';
import { RECEIPT_PATTERN } from './comment-receipts';
import type {
  AdoptionSummary,
  CommentReceipt,
  Consultation,
  ConsultationPage,
  PublicComment,
  ReceiptLookup,
} from './consultation.response';

interface Round {
  draftText?: string;
  startDate: string;
  endDate: string;
  channels: string[];
  openedOn: string;
  comments: CommentRecord[];
  closedOn?: string;
  completedOn?: string;
}
interface WithRounds {
  publicComment?: Round | null;
  earlierPublicComments?: Round[];
  draft?: { summary?: string } | null;
}

const UUID = /^[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i;

const notOpen = () => DomainError.notFound(text('该事项不在公开征求意见期内', 'no open consultation with this id'));
const noPage = () => DomainError.notFound(text('没有该草案的公开征求意见', 'no public consultation with this id'));
const noReceipt = () => DomainError.notFound(text('没有该回执编号的意见，请核对后重新输入', 'no comment has this receipt'));

const statusOf = (r: Round, today: string): ConsultationPage['status'] =>
  r.completedOn ? 'completed' : r.closedOn || today > r.endDate ? 'closed' : 'open';

/** How a comment was handled, without a word of who sent it. */
const dispositionOf = (c: CommentRecord) =>
  c.disposition ? { disposition: c.disposition.disposition, reason: c.disposition.reason, disposedOn: c.disposition.disposedOn } : null;

function adoptionOf(r: Round): AdoptionSummary {
  const comments: PublicComment[] = r.comments.map((c) => ({
    id: c.id,
    content: c.content,
    receivedOn: c.receivedOn,
    count: c.count ?? 1,
    disposition: dispositionOf(c),
  }));
  const sum = (d?: string) => comments.filter((c) => !d || c.disposition?.disposition === d).reduce((n, c) => n + c.count, 0);
  return {
    completedOn: r.completedOn!,
    total: sum(),
    adopted: sum('adopted'),
    partlyAdopted: sum('partly-adopted'),
    notAdopted: sum('not-adopted'),
    comments,
  };
}

/**
 * 公开征求意见: what is open for public comment today, each draft's own page (with the adoption
 * summary once complete), a citizen's comment, which lands in the case as RECORD_COMMENT for the
 * official to dispose of, and the look-up of a comment by its receipt. Nothing here names a
 * comment's submitter.
 */
@Injectable()
export class ConsultationService {
  constructor(
    private readonly db: Db,
    private readonly cases: CaseCommands,
  ) {}

  private view(row: CaseEntity, r: Round, departments: Map<string, string>): Consultation {
    const context = row.snapshot.context as WithRounds;
    return {
      id: row.id,
      procedure: row.procedure,
      title: row.title,
      department: departments.get(row.department) ?? row.department,
      startDate: r.startDate,
      endDate: r.endDate,
      channels: r.channels,
      // periods opened before the draft text was required may have none: the draft's summary then
      draftText: r.draftText ?? context.draft?.summary ?? '',
    };
  }

  private departments(m: import('typeorm').EntityManager) {
    return m.find(DepartmentEntity).then((all) => new Map(all.map((d) => [d.id, d.name])));
  }

  /** Open now: the period has started, has not ended, and the official has not closed it. */
  async open(): Promise<Consultation[]> {
    const today = shanghaiDate(new Date());
    return this.db.read(async (m) => {
      const rows = await m
        .createQueryBuilder(CaseEntity, 'c')
        .where("c.due_code = 'COMMENT_PERIOD_END' AND c.due_date >= :today", { today })
        .orderBy('c.due_date', 'ASC')
        .getMany();
      const departments = await this.departments(m);
      return rows
        .map((r) => [r, (r.snapshot.context as WithRounds).publicComment!] as const)
        .filter(([, pc]) => pc.startDate <= today)
        .map(([r, pc]) => this.view(r, pc, departments));
    });
  }

  /** A draft's public page: from the first day of its period on, whatever became of it since. */
  async page(id: string): Promise<ConsultationPage> {
    if (!UUID.test(id)) throw noPage();
    const today = shanghaiDate(new Date());
    return this.db.read(async (m) => {
      const row = await m.findOne(CaseEntity, { where: { id } });
      const pc = row && (row.snapshot.context as WithRounds).publicComment;
      if (!row || !pc || pc.startDate > today) throw noPage();
      const status = statusOf(pc, today);
      return {
        ...this.view(row, pc, await this.departments(m)),
        status,
        ...(status === 'completed' ? { adoption: adoptionOf(pc) } : {}),
      };
    });
  }

  /**
   * The citizen's receipt: the comment's number and its 回执编号, and `merged` when the same text
   * (see `identicalComment`) was already in this period, so it was counted on that comment.
   */
  async comment(id: string, content: string, submitter?: string): Promise<CommentReceipt> {
    if (!(await this.open()).some((c) => c.id === id)) throw notOpen();
    const landed = await this.cases.recordPublicComment(id, { content, ...(submitter ? { submitter } : {}) });
    return { received: true, commentId: landed.comment.id, receipt: landed.receipt, merged: (landed.comment.count ?? 1) > 1 };
  }

  /** The comment a receipt was given for: its text and date, and how it was handled once the participation is complete. */
  async receipt(receipt: string): Promise<ReceiptLookup> {
    const wanted = receipt.trim().toUpperCase();
    if (!RECEIPT_PATTERN.test(wanted)) throw noReceipt();
    const today = shanghaiDate(new Date());
    return this.db.read(async (m) => {
      const kept = await m.findOne(CommentReceiptEntity, { where: { receipt: wanted } });
      const row = kept && (await m.findOne(CaseEntity, { where: { id: kept.caseId } }));
      if (!kept || !row) throw noReceipt();
      const context = row.snapshot.context as WithRounds;
      const rounds = [...(context.earlierPublicComments ?? []), ...(context.publicComment ? [context.publicComment] : [])];
      const round = rounds.reverse().find((r) => r.openedOn === kept.openedOn && r.comments.some((c) => c.id === kept.commentId));
      const comment = round?.comments.find((c) => c.id === kept.commentId);
      if (!round || !comment) throw noReceipt();
      const status = statusOf(round, today);
      return {
        receipt: wanted,
        consultationId: row.id,
        title: row.title,
        content: comment.content,
        receivedOn: kept.receivedOn,
        status,
        disposition: status === 'completed' ? dispositionOf(comment) : null,
      };
    });
  }
}
