import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { FILING_REVIEW_RULES, type IsoDate, type WorkingCalendar } from '../../workflows';
import type { CaseEntity } from '../cases/case.entity';
import { GovernmentEntity } from '../governments/government.entity';
import { FilingEntity } from './filing.entity';

/**
 * RECORD_FILING files the document with the government above the case's (none above: nothing
 * more, as before governments). Inside the event's transaction: the filing exists once the event does.
 */
export async function receiveFiling(
  m: EntityManager,
  row: CaseEntity,
  filedOn: IsoDate,
  calendar: WorkingCalendar,
): Promise<FilingEntity | null> {
  const own = await m.findOne(GovernmentEntity, { where: { id: row.governmentId } });
  if (!own?.parentId) return null;
  const filing: FilingEntity = {
    id: randomUUID(),
    caseId: row.id,
    fromGovernmentId: row.governmentId,
    toGovernmentId: own.parentId,
    title: row.title,
    documentNumber: row.documentNumber ?? null,
    status: 'received',
    receivedOn: filedOn,
    dueOn: calendar.addWorkingDays(filedOn, FILING_REVIEW_RULES.registerWithin.value).value,
    registeredOn: null,
    heldOn: null,
    holdReason: null,
    supplyBy: null,
    reviewedOn: null,
    reviewedInTime: null,
    conclusion: null,
    opinion: null,
    correctBy: null,
    reviewerId: null,
    version: 1,
  };
  await m.insert(FilingEntity, filing);
  return filing;
}
