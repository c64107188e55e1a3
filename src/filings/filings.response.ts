import { ApiProperty } from '@nestjs/swagger';
import { FILING_CONCLUSIONS, FILING_STATUSES, type FilingConclusion, type FilingStatus } from '../../workflows';

// The answers of /api/filings and /api/public/filings, as classes the Swagger CLI plugin describes.

/** A filed document as the receiving government's filing reviewer handles it. */
export class Filing {
  id: string;
  caseId: string;
  title: string;
  documentNumber: string | null;
  @ApiProperty({ enum: FILING_STATUSES, enumName: 'FilingStatus' })
  status: FilingStatus;
  /** the government that filed it */
  fromGovernment: { id: string; name: string };
  toGovernmentId: string;
  receivedOn: string;
  /** by when the next step (registration, then review) is due: working days, under limits still unchecked */
  dueOn: string | null;
  /** past its due date with the step not taken */
  overdue: boolean;
  registeredOn: string | null;
  heldOn: string | null;
  holdReason: string | null;
  supplyBy: string | null;
  reviewedOn: string | null;
  reviewedInTime: boolean | null;
  @ApiProperty({ enum: FILING_CONCLUSIONS, enumName: 'FilingConclusion', nullable: true })
  conclusion: FilingConclusion | null;
  opinion: string | null;
  correctBy: string | null;
  version: number;
}

/** One line of the public catalogue of filed documents (备案目录). */
export class PublicFiling {
  documentNumber: string | null;
  title: string;
  /** the government that issued and filed it */
  issuedBy: string;
  receivedOn: string;
  registeredOn: string;
}

export class PublicFilingCatalogue {
  government: { id: string; name: string };
  year: number;
  quarter: number;
  items: PublicFiling[];
}

/** What the filing government must do about a filing: supply what is missing, or amend or repeal by a date. */
export class FilingTask {
  filingId: string;
  caseId: string;
  title: string;
  kind: 'supply' | 'correct';
  /** what is asked: the hold's reason or the review's opinion */
  asked: string;
  dueOn: string;
  /** the government it was filed with */
  filedWith: string;
}
