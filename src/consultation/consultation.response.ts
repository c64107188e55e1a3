// The answers of /api/public/..., as classes the Swagger CLI plugin describes. None of them names
// who sent a comment: the public pages never show a submitter's name or contact.
import { ApiProperty } from '@nestjs/swagger';
import { DISPOSITIONS, type Disposition } from '../../workflows/shared/public-comment';

/** A draft open for public comment. */
export class Consultation {
  id: string;
  procedure: string;
  title: string;
  department: string;
  startDate: string;
  endDate: string;
  channels: string[];
  /** the draft and its explanation as published with the call for comment */
  draftText: string;
}

export class CommentReceipt {
  received: boolean;
  /** the comment's number in this round (c2): what the official's case page lists */
  commentId: string;
  /** 回执编号: unique across the system, to look the comment up later (GET /api/public/receipts/{receipt}) */
  receipt: string;
  /** the same text was already received in this period: counted on that comment, not a new one */
  merged: boolean;
}

/** How one comment was handled, once the participation is complete. */
export class PublicDisposition {
  @ApiProperty({ enum: DISPOSITIONS, enumName: 'Disposition' })
  disposition: Disposition;
  reason: string;
  disposedOn: string;
}

/** A comment as the adoption summary publishes it: its text and how it was handled, not who sent it. */
export class PublicComment {
  /** its number in the round (c2) */
  id: string;
  content: string;
  receivedOn: string;
  /** identical submissions it stands for, itself included */
  count: number;
  disposition: PublicDisposition | null;
}

/** 意见采纳情况, published once the public participation is complete. */
export class AdoptionSummary {
  completedOn: string;
  /** submissions received, identical ones each counted */
  total: number;
  adopted: number;
  partlyAdopted: number;
  notAdopted: number;
  comments: PublicComment[];
}

/** The public page of one draft: its text and period, and once complete, the adoption summary. */
export class ConsultationPage extends Consultation {
  /** open: comments accepted; closed: the period is over, comments being handled; completed: the adoption summary is out */
  @ApiProperty({ enum: ['open', 'closed', 'completed'] })
  status: 'open' | 'closed' | 'completed';
  /** present once the participation is complete */
  adoption?: AdoptionSummary;
}

/** What a receipt shows its holder: that one comment, and how it was handled once the participation is complete. */
export class ReceiptLookup {
  receipt: string;
  consultationId: string;
  title: string;
  content: string;
  receivedOn: string;
  @ApiProperty({ enum: ['open', 'closed', 'completed'] })
  status: 'open' | 'closed' | 'completed';
  /** only once the participation is complete */
  disposition: PublicDisposition | null;
}
