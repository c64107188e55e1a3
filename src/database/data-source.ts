import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { AttachmentEntity } from '../attachments/attachment.entity';
import { AuditCheckpointEntity } from '../audit/audit-checkpoint.entity';
import { AuditEventEntity } from '../audit/audit-event.entity';
import { RefusalCountEntity, RefusalEntity } from '../audit/refusal.entity';
import { HolidayYearEntity } from '../calendar/holiday-year.entity';
import { CaseEntity } from '../cases/case.entity';
import { CommentReceiptEntity } from '../consultation/comment-receipt.entity';
import { CatalogueEntity, CatalogueItemEntity } from '../catalogue/catalogue.entity';
import { CleanupEntity, CleanupItemEntity } from '../cleanup/cleanup.entity';
import { DocumentNumberEntity } from '../cases/document-number.entity';
import type { AppConfig } from '../config/config';
import { ProcedureMigrationEntity } from '../procedures/procedure-migration.entity';
import { DepartmentEntity } from '../users/department.entity';
import { UserEntity } from '../users/user.entity';
import { InitialSchema1764201600000 } from './migrations/1764201600000-initial-schema';
import { Supervision1764288000000 } from './migrations/1764288000000-supervision';
import { Versions1764374400000 } from './migrations/1764374400000-versions';
import { Identity1764460800000 } from './migrations/1764460800000-identity';
import { AuditChain1764547200000 } from './migrations/1764547200000-audit-chain';
import { RefusalCounts1764633600000 } from './migrations/1764633600000-refusal-counts';
import { OfficeWork1764720000000 } from './migrations/1764720000000-office-work';
import { Attachments1764806400000 } from './migrations/1764806400000-attachments';
import { CommentReceipts1764892800000 } from './migrations/1764892800000-comment-receipts';
import { governmentsMigration } from './migrations/1764979200000-governments';
import { GovernmentEntity } from '../governments/government.entity';
import { FilingEntity } from '../filings/filing.entity';
import { CaseAssigneeEntity, CaseCopyEntity } from '../cases/case-copy.entity';
import { NotificationEntity } from '../notifications/notification.entity';
import { OutboxEntity } from '../notifications/outbox.entity';
import { SettingEntity } from './setting.entity';

export const entities = [
  GovernmentEntity,
  FilingEntity,
  CaseEntity,
  DocumentNumberEntity,
  AuditEventEntity,
  AuditCheckpointEntity,
  RefusalEntity,
  RefusalCountEntity,
  UserEntity,
  DepartmentEntity,
  HolidayYearEntity,
  SettingEntity,
  CatalogueEntity,
  CatalogueItemEntity,
  CleanupEntity,
  CleanupItemEntity,
  ProcedureMigrationEntity,
  CaseCopyEntity,
  CaseAssigneeEntity,
  NotificationEntity,
  OutboxEntity,
  AttachmentEntity,
  CommentReceiptEntity,
];

/**
 * In order; the schema comes only from these, never from `synchronize`; run at start under the
 * start-up lock. Some read the settings (the first government is made from them).
 */
export const migrationsFor = (config: AppConfig) => [
  InitialSchema1764201600000,
  Supervision1764288000000,
  Versions1764374400000,
  Identity1764460800000,
  AuditChain1764547200000,
  RefusalCounts1764633600000,
  OfficeWork1764720000000,
  Attachments1764806400000,
  CommentReceipts1764892800000,
  governmentsMigration(config),
];

export function dataSourceOptions(config: AppConfig): DataSourceOptions {
  const common = { entities, migrations: migrationsFor(config), migrationsRun: false, synchronize: false, logging: false } as const;
  if (config.usesPostgres) {
    return {
      ...common,
      type: 'postgres',
      url: config.DATABASE_URL,
      // a lock or a pooled connection not had by then is DATABASE_BUSY (Db), not a request hanging
      extra: { lock_timeout: config.DOCKET_DB_LOCK_WAIT_MS, connectionTimeoutMillis: config.DOCKET_DB_LOCK_WAIT_MS },
    };
  }
  if (config.DOCKET_DB !== ':memory:') mkdirSync(dirname(config.DOCKET_DB), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: config.DOCKET_DB,
    enableWAL: true,
    // SQLite's busy wait blocks the event loop: this long one serves only the start-up (migrations,
    // before listening); Db then shortens it and waits for the lock itself, asynchronously
    timeout: 10_000,
    // FULL: a commit reaches the disk before the event is acknowledged
    prepareDatabase: (db: { pragma: (s: string) => unknown }) => {
      db.pragma(`synchronous = ${config.DOCKET_SQLITE_SYNC}`);
    },
  };
}
