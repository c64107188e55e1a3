import { GovernmentEntity } from '../governments/government.entity';
import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { Language, text } from '../../workflows';
import type { Principal } from '../auth/principal';
import { CaseEntity } from '../cases/case.entity';
import { CaseQueries } from '../cases/cases.queries';
import { DomainError } from '../common/domain-error';
import { Db } from '../database/db.service';
import { DepartmentEntity } from '../users/department.entity';
import { UserEntity } from '../users/user.entity';
import { renderPaper } from './layout';
import {
  buildPaper,
  isPaperKind,
  PAPER_KINDS,
  PAPER_TITLES,
  PaperEvent,
  paperFileName,
  PaperKind,
  PaperNames,
  unavailableReason,
} from './papers.builders';
import type { PaperListing } from './papers.response';

/** The papers (文书) of a case: which exist, and each as a .docx built from the case's own record. */
@Injectable()
export class PapersService {
  constructor(
    private readonly cases: CaseQueries,
    private readonly db: Db,
  ) {}

  /** Every kind, with whether the case's records allow it yet (for the archive too). */
  available(row: CaseEntity, lang: Language): PaperListing[] {
    return PAPER_KINDS.map((kind) => {
      const reason = unavailableReason(row, kind);
      return { kind, title: PAPER_TITLES[kind][lang], available: !reason, ...(reason ? { reason: reason[lang] } : {}) };
    });
  }

  /** The paper as a .docx; throws 404 when its records do not exist yet (for the archive too). */
  async render(row: CaseEntity, kind: PaperKind): Promise<Buffer> {
    const reason = unavailableReason(row, kind);
    if (reason) throw DomainError.notFound(reason);
    const history: PaperEvent[] = kind === 'approval-form' ? await this.cases.historyOf(row) : [];
    const people = new Set<string>(history.map((e) => e.actorId));
    for (const s of (row.snapshot.context.legalityReview as { opinion?: { reviewerId: string } }[] | undefined) ?? [])
      if (s.opinion) people.add(s.opinion.reviewerId);
    const names = await this.names([...people]);
    return renderPaper(buildPaper(kind, row, history, names));
  }

  async list(user: Principal, id: string, lang: Language): Promise<PaperListing[]> {
    return this.available(await this.cases.readable(user, id), lang);
  }

  async download(user: Principal, id: string, kind: string): Promise<{ fileName: string; body: Buffer }> {
    const row = await this.cases.readable(user, id);
    if (!isPaperKind(kind))
      throw DomainError.notFound(
        text(`没有名为 ${kind} 的文书（可选：${PAPER_KINDS.join('、')}）`, `no paper ${kind} (one of ${PAPER_KINDS.join(', ')})`),
      );
    return { fileName: paperFileName(row, kind), body: await this.render(row, kind) };
  }

  /** Full names of the departments and governments, and of these people, as papers (and the archive) write them. */
  async names(userIds: string[]): Promise<PaperNames> {
    const [departments, governments, users] = await this.db.read(
      async (m) =>
        [
          await m.find(DepartmentEntity),
          await m.find(GovernmentEntity),
          userIds.length
            ? await m.find(UserEntity, { where: { id: In(userIds) }, select: { id: true, displayName: true, department: true } })
            : [],
        ] as const,
    );
    // a government's name wins over a department row of the same id (`county-government` in older databases)
    const dept = new Map([...departments.map((d) => [d.id, d.name] as const), ...governments.map((g) => [g.id, g.name] as const)]);
    const user = new Map(users.map((u) => [u.id, u]));
    return {
      department: (id) => dept.get(id) ?? id,
      person: (id) => user.get(id)?.displayName ?? id,
      departmentOf: (id) => {
        const d = user.get(id)?.department;
        return d ? (dept.get(d) ?? d) : undefined;
      },
    };
  }
}
