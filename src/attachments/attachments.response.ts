import { ApiProperty } from '@nestjs/swagger';
import { ATTACHMENT_KINDS, type AttachmentKind } from './kinds';

// The answers of /api/cases/:id/attachments, as classes the Swagger CLI plugin describes.

/** What an upload answers: the attachment as recorded in the case's audit chain. */
export class AttachmentCreated {
  id: string;
  name: string;
  size: number;
  /** hex SHA-256 of the bytes, as the ATTACHMENT_ADDED event records it */
  sha256: string;
  @ApiProperty({ enum: ATTACHMENT_KINDS, enumName: 'AttachmentKind' })
  kind: AttachmentKind;
}

/** An attachment of a case, without its bytes (GET /api/cases/:id/attachments/:attachmentId gives them). */
export class AttachmentItem {
  id: string;
  name: string;
  size: number;
  sha256: string;
  @ApiProperty({ enum: ATTACHMENT_KINDS, enumName: 'AttachmentKind' })
  kind: AttachmentKind;
  /** what Docket found the bytes to be, as it serves them */
  contentType: string;
  /** the user who uploaded it (id) */
  uploadedBy: string;
  uploadedAt: string;
  /** the case's version after the ATTACHMENT_ADDED event that recorded it (its history entry) */
  seq: number;
}
