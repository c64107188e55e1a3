/**
 * Fixtures for the cases module's unit specs: one normative document on the pure engine and its
 * row as the cases table would hold it. Free of jest globals, like workflows/testing.
 */
import { procedures, type StoredSnapshot } from '../../workflows';
import { TestCase } from '../../workflows/testing';
import { factColumns } from './case-facts';
import type { CaseEntity } from './case.entity';

export const normative = procedures['normative-document'];

/** A government document affecting public rights, in drafting since 2023-03-20. */
export const drafting = TestCase.start(normative, {
  title: '泗阳县城镇住房保障管理办法',
  department: 'dept-housing',
  jurisdiction: 'jiangsu',
  occurredAt: '2023-03-20',
  affectsPublicRights: true,
  marketRelated: false,
  interim: false,
  issuingOrgan: 'government',
});

/** The same in its public comment period, 03-31 to 04-12. */
export const commenting = drafting.send(
  'OPEN_PUBLIC_COMMENT',
  { draftText: '草案全文及起草说明', startDate: '2023-03-31', endDate: '2023-04-12', channels: ['县政府网站'] },
  '2023-03-31',
);

/** A case row holding this snapshot, with its facts. */
export const rowOf = (c: { stored: StoredSnapshot; stage: string }): CaseEntity => ({
  id: 'case-1',
  procedure: normative.id,
  procedureVersion: normative.version,
  title: '泗阳县城镇住房保障管理办法',
  department: 'dept-housing',
  governmentId: 'county-government',
  governmentPath: '/county-government/',
  stage: c.stage,
  snapshot: c.stored,
  version: 3,
  createdBy: 'u-official',
  assignee: null,
  createdAt: '2023-03-20T01:00:00.000Z',
  updatedAt: '2023-04-03T01:00:00.000Z',
  ...factColumns(normative, c.stored),
});
