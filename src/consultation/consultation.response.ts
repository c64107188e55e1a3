// The answers of /api/public/consultations, as classes the Swagger CLI plugin describes.

/** A draft open for public comment. */
export class Consultation {
  id: string;
  procedure: string;
  title: string;
  department: string;
  startDate: string;
  endDate: string;
  channels: string[];
  draftText: string;
}

export class CommentReceipt {
  received: boolean;
  commentId: string;
  /** the same text was already received in this period: counted on that comment, not a new one */
  merged: boolean;
}
