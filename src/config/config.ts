import { plainToInstance, Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  registerDecorator,
  validateSync,
  ValidateBy,
} from 'class-validator';
import { type AuditKey, loadAuditKey } from '../audit/audit-key';
import { JURISDICTIONS, type Jurisdiction } from '../../workflows';
import { passwordProblem } from '../users/password-policy';
import { GOVERNMENT_LEVELS, type GovernmentLevel } from '../governments/government.entity';

/** The password rule every user's password meets, for the password of user `username` set in the environment. */
function IsGoodPassword(username: string) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isGoodPassword',
      target: object.constructor,
      propertyName,
      validator: {
        validate: (v: unknown) => typeof v === 'string' && !passwordProblem(v, username),
        defaultMessage: (args) => `${propertyName}: ${passwordProblem(String(args?.value), username)?.en ?? 'not a password'}`,
      },
    });
}

/** Docket's settings, read from the environment and validated at boot (docs/contract.md, "Starting and settings"). */
export class AppConfig {
  @Transform(({ value }) => (value === undefined || value === '' ? 3000 : Number(value)))
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  /** SQLite file, used unless DATABASE_URL names a PostgreSQL server */
  @IsString()
  DOCKET_DB = 'data/docket.sqlite';

  /** FULL (default): an acknowledged event survives a power cut; NORMAL: faster, may lose the last commits */
  @IsIn(['FULL', 'NORMAL'])
  DOCKET_SQLITE_SYNC: 'FULL' | 'NORMAL' = 'FULL';

  /**
   * How long a request may wait for the database's write lock (SQLite: held by another process;
   * PostgreSQL: a row or advisory lock, or a pooled connection) before it is refused 503 DATABASE_BUSY.
   */
  @Transform(({ value }) => (value === undefined || value === '' ? 5000 : Number(value)))
  @IsInt()
  @Min(100)
  @Max(60_000)
  DOCKET_DB_LOCK_WAIT_MS = 5000;

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  /** what an empty database is filled with */
  @IsIn(['demo', 'none'])
  DOCKET_SEED: 'demo' | 'none' = 'demo';

  /** creates user `admin` on an empty database */
  @IsOptional()
  @IsString()
  @IsGoodPassword('admin')
  DOCKET_ADMIN_PASSWORD?: string;

  /** signs access tokens; when absent, a random secret is generated once and kept in the database */
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'JWT_SECRET must have at least 16 characters' })
  JWT_SECRET?: string;

  @IsIn(JURISDICTIONS)
  DOCKET_JURISDICTION: Jurisdiction = 'jiangsu';

  /**
   * The deployment's own government, as an empty database (or one from before governments were
   * records) first holds it; from then on it is a record the admin edits (PUT /api/governments/:id).
   * Its name, its level, and the prefix of its normative documents' numbers (e.g. 泗政规〔2023〕1号).
   */
  @IsString()
  @MinLength(1)
  DOCKET_GOVERNMENT_NAME = '泗阳县人民政府';

  @IsIn(GOVERNMENT_LEVELS)
  DOCKET_GOVERNMENT_LEVEL: GovernmentLevel = 'county';

  @IsString()
  @MinLength(1)
  DOCKET_GOVERNMENT_PREFIX = '泗政规';

  /** the own government's department of legality reviewers (审核机构, e.g. 司法局): an overdue legality review is charged to it */
  @IsString()
  @MinLength(1)
  DOCKET_REVIEW_DEPARTMENT = 'sfj';

  /** the own government's office (政府办公室), which does the secretariat's steps: those overdue are charged to it */
  @IsString()
  @MinLength(1)
  DOCKET_OFFICE_DEPARTMENT = 'zfb';

  /** sign-in attempts allowed per minute from one address (brute-force throttle) */
  @Transform(({ value }) => (value === undefined || value === '' ? 10 : Number(value)))
  @IsInt()
  @Min(1)
  DOCKET_LOGIN_LIMIT = 10;

  /**
   * Behind a load balancer: which proxies' X-Forwarded-For to believe, so throttles count each
   * citizen's address and not the balancer's. Express's `trust proxy`: a number of hops, or
   * addresses, subnets and names (`loopback`, `uniquelocal`) separated by commas. Unset: none.
   */
  @IsOptional()
  @Matches(/^(\d{1,2}|[\w.:/]+(\s*,\s*[\w.:/]+)*)$/, {
    message: 'DOCKET_TRUST_PROXY must be a hop count or a comma-separated list of addresses',
  })
  DOCKET_TRUST_PROXY?: string;

  /** refusals of signed-in users kept in the log, the newest; older ones are deleted as new ones come */
  @Transform(({ value }) => (value === undefined || value === '' ? 10_000 : Number(value)))
  @IsInt()
  @Min(1)
  DOCKET_REFUSALS_KEPT = 10_000;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /**
   * The Ed25519 private key that signs checkpoints of the audit chain, as PEM text or the path of
   * a PEM file; kept out of the database so that a writer of the database cannot sign. Unset: no
   * checkpoints (the chains are still verified).
   */
  @IsOptional()
  @ValidateBy({
    name: 'auditKey',
    validator: {
      validate: (value) => typeof value === 'string' && keyProblem(value) === undefined,
      defaultMessage: (args) => keyProblem(String(args?.value)) ?? 'DOCKET_AUDIT_KEY is invalid',
    },
  })
  DOCKET_AUDIT_KEY?: string;

  // ── notifications beyond the page ──

  /** the address users open Docket at, for the links in e-mails and webhook bodies (e.g. https://docket.example.gov.cn) */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, { message: 'DOCKET_PUBLIC_URL must be an http(s) URL' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.replace(/\/+$/, '') : value))
  DOCKET_PUBLIC_URL?: string;

  /** every notification is POSTed here as JSON, signed with DOCKET_WEBHOOK_SECRET (bridge to SMS, 政务钉钉, 企业微信) */
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'DOCKET_WEBHOOK_URL must be an http(s) URL' })
  DOCKET_WEBHOOK_URL?: string;

  /** the HMAC-SHA256 key of X-Docket-Signature; required with DOCKET_WEBHOOK_URL */
  @ValidateBy({
    name: 'webhookSecret',
    validator: {
      validate: (value, args) =>
        (args?.object as AppConfig).DOCKET_WEBHOOK_URL === undefined || (typeof value === 'string' && value.length >= 16),
      defaultMessage: () => 'DOCKET_WEBHOOK_SECRET of at least 16 characters is required with DOCKET_WEBHOOK_URL',
    },
  })
  DOCKET_WEBHOOK_SECRET?: string;

  /** e-mail to users who have an address, e.g. smtp://user:pass@mail.example.gov.cn:587 or smtps://… */
  @IsOptional()
  @Matches(/^smtps?:\/\/\S+$/, { message: 'DOCKET_SMTP_URL must be an smtp:// or smtps:// URL' })
  DOCKET_SMTP_URL?: string;

  /** the sender of those e-mails */
  @IsString()
  DOCKET_MAIL_FROM = 'Docket <docket@localhost>';

  /** how often each instance looks for deliveries to make: a new notification leaves within about this long */
  @Transform(({ value }) => (value === undefined || value === '' ? 5000 : Number(value)))
  @IsInt()
  @Min(50)
  @Max(600_000)
  DOCKET_OUTBOX_POLL_MS = 5000;

  /** the first wait after a failed delivery; each further failure doubles it, up to an hour */
  @Transform(({ value }) => (value === undefined || value === '' ? 10_000 : Number(value)))
  @IsInt()
  @Min(10)
  @Max(3_600_000)
  DOCKET_OUTBOX_RETRY_MS = 10_000;

  /** how many working days before a due date its holders are reminded */
  @Transform(({ value }) => (value === undefined || value === '' ? 3 : Number(value)))
  @IsInt()
  @Min(0)
  @Max(20)
  DOCKET_REMINDER_WORKING_DAYS = 3;

  /** the largest attachment a case takes, in bytes (20 MB); a larger upload is refused 413 and nothing is kept */
  @Transform(({ value }) => (value === undefined || value === '' ? 20 * 1024 * 1024 : Number(value)))
  @IsInt()
  @Min(1)
  @Max(200 * 1024 * 1024)
  DOCKET_ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;

  private loadedAuditKey?: AuditKey;

  /** DOCKET_AUDIT_KEY loaded (validated at boot, so loading again cannot fail) */
  get auditKey(): AuditKey | undefined {
    if (this.DOCKET_AUDIT_KEY === undefined) return undefined;
    this.loadedAuditKey ??= loadAuditKey(this.DOCKET_AUDIT_KEY);
    return this.loadedAuditKey;
  }

  /** DOCKET_TRUST_PROXY as Express takes it */
  get trustProxy(): number | string[] | undefined {
    const v = this.DOCKET_TRUST_PROXY;
    if (v === undefined) return undefined;
    return /^\d+$/.test(v) ? Number(v) : v.split(',').map((x) => x.trim());
  }

  get usesPostgres(): boolean {
    return Boolean(this.DATABASE_URL);
  }
}

/** Why DOCKET_AUDIT_KEY cannot be used, or undefined when it can. */
function keyProblem(value: string): string | undefined {
  try {
    loadAuditKey(value);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const defined = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const config = plainToInstance(AppConfig, defined, { exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: false });
  if (errors.length) {
    const lines = errors.flatMap((e) => Object.values(e.constraints ?? {}));
    throw new Error(`Invalid configuration:\n- ${lines.join('\n- ')}`);
  }
  return config;
}
