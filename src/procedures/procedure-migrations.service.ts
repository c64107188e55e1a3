import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager, In, Not } from 'typeorm';
import {
  closedStages,
  Language,
  planMigration,
  ProcedureDefinition,
  procedureOf,
  ProcedureId,
  releases,
  stageOf,
  text,
} from '../../workflows';
import type { Principal } from '../auth/principal';
import { CaseEntity } from '../cases/case.entity';
import { CaseCommands } from '../cases/cases.commands';
import { DomainError, ErrorCode } from '../common/domain-error';
import { Db } from '../database/db.service';
import { ProcedureMigrationEntity } from './procedure-migration.entity';
import type { MigrationPlan } from './procedures.response';

export interface MigrationRequest {
  toVersion: number;
  /** the cases to move; without it, every open case of the version the new one migrates from */
  caseIds?: string[];
}

/**
 * Moving open cases onto a new version of their procedure. Never automatic: an admin asks for a
 * dry run (nothing changes), then runs it with a written justification. The real run re-plans
 * every case inside one transaction, moves each with its own audit event in the case's chain,
 * and keeps a record of the whole migration. Named cases that cannot move refuse the whole run.
 */
@Injectable()
export class ProcedureMigrationsService {
  constructor(
    private readonly db: Db,
    private readonly cases: CaseCommands,
  ) {}

  private versionsOf(procedure: string): readonly ProcedureDefinition[] {
    if (!Object.hasOwn(releases, procedure)) throw DomainError.notFound(text(`没有程序 ${procedure}`, `no procedure ${procedure}`));
    return releases[procedure as ProcedureId];
  }

  private target(procedure: string, toVersion: number): ProcedureDefinition {
    const versions = this.versionsOf(procedure);
    const to = versions.find((d) => d.version === toVersion);
    if (!to) throw DomainError.notFound(text(`程序 ${procedure} 没有第 ${toVersion} 版`, `${procedure} has no version ${toVersion}`));
    if (!to.migration) {
      const message = text(`第 ${toVersion} 版未规定已有案件如何迁移`, `version ${toVersion} declares no migration of open cases`);
      throw new DomainError(ErrorCode.PROCEDURE_VIOLATION, message, undefined, [
        { code: 'NO_MIGRATION_DECLARED', message, legalBasis: to.changes ?? to.label },
      ]);
    }
    return to;
  }

  private async candidates(
    m: EntityManager,
    procedure: string,
    from: number,
    caseIds?: string[],
    forUpdate = false,
  ): Promise<CaseEntity[]> {
    // PostgreSQL: the migration holds every case row before its first audit append takes the chain's lock, as a single
    // event does (row, then chain); taking rows while holding the chain's lock would deadlock with an event on one of them
    const lock = forUpdate && m.connection.options.type === 'postgres' ? { lock: { mode: 'pessimistic_write' as const } } : {};
    if (caseIds) {
      const rows = await m.find(CaseEntity, { where: { id: In(caseIds) }, ...lock });
      const missing = caseIds.filter((id) => !rows.some((r) => r.id === id));
      if (missing.length) throw DomainError.notFound(text(`案件 ${missing.join('、')} 不存在`, `no case ${missing.join(', ')}`));
      return rows;
    }
    // closed cases stay where they are and are not listed
    const closed = closedStages(procedureOf(procedure, from));
    return m.find(CaseEntity, {
      where: { procedure, procedureVersion: from, stage: Not(In(closed)) },
      order: { createdAt: 'ASC' },
      ...lock,
    });
  }

  /** Judge every candidate against the mapping the new version declares. */
  private plan(to: ProcedureDefinition, rows: CaseEntity[], lang: Language) {
    const from = to.migration!.from;
    const view: MigrationPlan = {
      procedure: to.id,
      fromVersion: from,
      toVersion: to.version,
      changes: to.changes?.[lang] ?? null,
      legalBasis: to.migration!.basis[lang],
      movable: [],
      refused: [],
    };
    const moves: { row: CaseEntity; plan: Extract<ReturnType<typeof planMigration>, { movable: true }> }[] = [];
    for (const row of rows) {
      const stageLabel = procedureOf(row.procedure, row.procedureVersion).stages[row.stage]?.[lang] ?? row.stage;
      const refuse = (reason: string) =>
        view.refused.push({ id: row.id, title: row.title, department: row.department, stage: stageLabel, reason });
      if (row.procedure !== to.id) {
        refuse(lang === 'zh' ? `案件属于另一程序（${row.procedure}）` : `the case follows another procedure (${row.procedure})`);
        continue;
      }
      if (row.procedureVersion !== from) {
        refuse(
          lang === 'zh'
            ? `案件按第 ${row.procedureVersion} 版办理，第 ${to.version} 版只接收第 ${from} 版的案件`
            : `the case runs on version ${row.procedureVersion}; version ${to.version} takes cases of version ${from}`,
        );
        continue;
      }
      const plan = planMigration(to, row.procedureVersion, row.snapshot);
      if (!plan.movable) {
        refuse(plan.reason[lang]);
        continue;
      }
      moves.push({ row, plan });
      view.movable.push({
        id: row.id,
        title: row.title,
        department: row.department,
        fromStage: stageLabel,
        toStage: to.stages[plan.stage]?.[lang] ?? plan.stage,
      });
    }
    return { view, moves };
  }

  /** What a migration would do, changing nothing. */
  async dryRun(procedure: string, req: MigrationRequest, lang: Language): Promise<MigrationPlan> {
    const to = this.target(procedure, req.toVersion);
    const rows = await this.db.read((m) => this.candidates(m, procedure, to.migration!.from, req.caseIds));
    return this.plan(to, rows, lang).view;
  }

  /** Move the cases, all in one transaction, each with its audit event; the migration is recorded. */
  async run(user: Principal, procedure: string, req: MigrationRequest & { justification: string }, lang: Language) {
    const to = this.target(procedure, req.toVersion);
    const now = new Date();
    return this.db.transaction(async (m) => {
      const rows = await this.candidates(m, procedure, to.migration!.from, req.caseIds, true);
      const { view, moves } = this.plan(to, rows, lang);
      if (req.caseIds && view.refused.length) {
        const blockers = view.refused.map((r) => ({
          code: 'CASE_CANNOT_MIGRATE',
          message: text(`「${r.title}」：${r.reason}`, `${r.title}: ${r.reason}`),
          legalBasis: to.migration!.basis,
        }));
        throw new DomainError(
          ErrorCode.PROCEDURE_VIOLATION,
          text('所列案件中有不能迁移的，未迁移任何案件', 'some of the cases named cannot move: none was moved'),
          undefined,
          blockers,
        );
      }
      if (!moves.length) {
        const message = text('没有可以迁移的案件', 'no case can move');
        throw new DomainError(ErrorCode.PROCEDURE_VIOLATION, message, undefined, [
          { code: 'NOTHING_TO_MIGRATE', message, legalBasis: to.migration!.basis },
        ]);
      }
      const id = randomUUID();
      for (const { row, plan } of moves) {
        await this.cases.moveToVersion(
          m,
          row,
          to,
          plan.snapshot,
          user.id,
          {
            migrationId: id,
            fromVersion: row.procedureVersion,
            toVersion: to.version,
            fromState: row.snapshot.value,
            toState: plan.snapshot.value,
            justification: req.justification,
            legalBasis: to.migration!.basis.zh,
          },
          now,
        );
      }
      const record: ProcedureMigrationEntity = {
        id,
        procedure,
        fromVersion: to.migration!.from,
        toVersion: to.version,
        justification: req.justification,
        legalBasis: to.migration!.basis.zh,
        actorId: user.id,
        at: now.toISOString(),
        moved: moves.map(({ row, plan }) => ({ id: row.id, title: row.title, fromStage: row.stage, toStage: stageOf(plan.snapshot) })),
        refused: view.refused.map((r) => ({ id: r.id, title: r.title, stage: r.stage, reason: r.reason })),
      };
      await m.insert(ProcedureMigrationEntity, record);
      return { ...record, plan: view };
    });
  }

  list(procedure: string): Promise<ProcedureMigrationEntity[]> {
    this.versionsOf(procedure);
    return this.db.read((m) => m.find(ProcedureMigrationEntity, { where: { procedure }, order: { at: 'DESC' } }));
  }
}
