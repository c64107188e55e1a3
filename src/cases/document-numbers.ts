import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { law, text, yearOf } from '../../workflows';
import { DomainError, ErrorCode } from '../common/domain-error';
import { GovernmentEntity } from '../governments/government.entity';
import { lockUntilCommit } from '../database/lock';
import { DepartmentEntity } from '../users/department.entity';
import type { CaseEntity } from './case.entity';
import { DocumentNumberEntity } from './document-number.entity';

const numberLock = (prefix: string, year: number) => `document-number:${prefix}:${year}`;

/**
 * 统一编号: `<prefix>〔<year>〕<n>号`, n sequential per prefix and publication year, never reused;
 * a prefix is one government's or one department's, so numbers are per government and year.
 * Allocated inside the publishing event's transaction: a refused publication gives its number back.
 * The prefix and year are locked until commit, so publications side by side take turns.
 */
@Injectable()
export class DocumentNumbers {
  async allocate(m: EntityManager, c: CaseEntity, publishedOn: string): Promise<string> {
    const issuing = (c.snapshot.context as { issuingOrgan?: string }).issuingOrgan;
    // a department's own document carries its prefix; the government's, the government's (泗政规, 沭政规)
    const organ = issuing === 'department' ? c.department : c.governmentId;
    const prefix =
      issuing === 'department'
        ? ((await m.findOne(DepartmentEntity, { where: { id: organ } }))?.documentPrefix ?? null)
        : ((await m.findOne(GovernmentEntity, { where: { id: organ } }))?.documentPrefix ?? null);
    if (!prefix) {
      const message = text(
        `制定机关 ${organ} 尚未配置文号前缀，请系统管理员设置`,
        `the issuing organ ${organ} has no document number prefix`,
      );
      throw new DomainError(ErrorCode.PROCEDURE_VIOLATION, message, undefined, [
        { code: 'DOCUMENT_PREFIX_MISSING', message, legalBasis: law.gbf37('统一编号', 'unified numbering') },
      ]);
    }
    const year = yearOf(publishedOn);
    // two publications at once (PostgreSQL, or another instance) would otherwise read the same MAX
    await lockUntilCommit(m, numberLock(prefix, year));
    const { max } = (await m
      .createQueryBuilder(DocumentNumberEntity, 'n')
      .select('MAX(n.n)', 'max')
      .where('n.prefix = :prefix AND n.year = :year', { prefix, year })
      .getRawOne<{ max: number | null }>()) ?? { max: null };
    const n = Number(max ?? 0) + 1;
    await m.insert(DocumentNumberEntity, { prefix, year, n, caseId: c.id });
    return `${prefix}〔${year}〕${n}号`;
  }

  /** Record a number given before Docket (a registered document), so it is never given again. */
  async reserve(m: EntityManager, caseId: string, documentNumber: string): Promise<void> {
    const match = /^(.+)〔(\d{4})〕(\d+)号$/.exec(documentNumber);
    if (!match) return;
    const [, prefix, year, n] = match;
    await lockUntilCommit(m, numberLock(prefix, +year));
    if (await m.existsBy(DocumentNumberEntity, { prefix, year: +year, n: +n })) {
      throw new DomainError(
        ErrorCode.ALREADY_EXISTS,
        text(`文号 ${documentNumber} 已被使用`, `document number ${documentNumber} is taken`),
      );
    }
    await m.insert(DocumentNumberEntity, { prefix, year: +year, n: +n, caseId });
  }
}
