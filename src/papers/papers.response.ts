import { ApiProperty } from '@nestjs/swagger';
import { PAPER_KINDS, type PaperKind } from './papers.builders';

// The answer of GET /api/cases/:id/documents, as a class the Swagger CLI plugin describes.

/** One paper (文书) of a case: whether its records exist yet, and if not, why. */
export class PaperListing {
  @ApiProperty({ enum: PAPER_KINDS, enumName: 'PaperKind' })
  kind: PaperKind;
  /** the paper's name, in the caller's language */
  title: string;
  available: boolean;
  /** why it cannot be written yet (absent when available) */
  reason?: string;
}
