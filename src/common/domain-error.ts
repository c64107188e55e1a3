import type { Blocker } from '../../workflows';
import type { Text } from '../../workflows';

/** Every refusal Docket gives has one of these codes (docs/contract.md, "Errors"). */
export enum ErrorCode {
  VALIDATION_FAILED = 'VALIDATION_FAILED',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  SEPARATION_OF_DUTIES = 'SEPARATION_OF_DUTIES',
  NOT_FOUND = 'NOT_FOUND',
  VERSION_CONFLICT = 'VERSION_CONFLICT',
  ALREADY_EXISTS = 'ALREADY_EXISTS',
  PROCEDURE_VIOLATION = 'PROCEDURE_VIOLATION',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE = 'UNSUPPORTED_MEDIA_TYPE',
  TOO_MANY_REQUESTS = 'TOO_MANY_REQUESTS',
  /** the database is held by another writer for longer than a request may wait: try again shortly */
  DATABASE_BUSY = 'DATABASE_BUSY',
  /** the database cannot take writes (file gone or replaced, disk full): an operator must look */
  STORAGE_UNAVAILABLE = 'STORAGE_UNAVAILABLE',
  /** this deployment has not set up what the request needs (e.g. the audit signing key): an operator must */
  NOT_CONFIGURED = 'NOT_CONFIGURED',
}

/** The one HTTP status of each code; the exhaustive switch makes an unmapped code a type error. */
export function httpStatusOf(code: ErrorCode): number {
  switch (code) {
    case ErrorCode.VALIDATION_FAILED:
      return 400;
    case ErrorCode.UNAUTHENTICATED:
      return 401;
    case ErrorCode.FORBIDDEN:
    case ErrorCode.SEPARATION_OF_DUTIES:
      return 403;
    case ErrorCode.NOT_FOUND:
      return 404;
    case ErrorCode.VERSION_CONFLICT:
    case ErrorCode.ALREADY_EXISTS:
      return 409;
    case ErrorCode.PROCEDURE_VIOLATION:
      return 422;
    case ErrorCode.PAYLOAD_TOO_LARGE:
      return 413;
    case ErrorCode.UNSUPPORTED_MEDIA_TYPE:
      return 415;
    case ErrorCode.TOO_MANY_REQUESTS:
      return 429;
    case ErrorCode.DATABASE_BUSY:
    case ErrorCode.STORAGE_UNAVAILABLE:
    case ErrorCode.NOT_CONFIGURED:
      return 503;
    default: {
      const unmapped: never = code;
      throw new Error(`unmapped error code ${String(unmapped)}`);
    }
  }
}

/** A refusal in the domain's terms; the exception filter turns it into the contract's JSON. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly text: Text,
    readonly details?: unknown,
    readonly blockers?: Blocker[],
    /** seconds after which the client may try again (sent as Retry-After) */
    readonly retryAfter?: number,
  ) {
    super(text.en);
  }

  static notFound(what: Text): DomainError {
    return new DomainError(ErrorCode.NOT_FOUND, what);
  }
}
