import { FACTS_VERSION, factColumns, isOverdue, overdueSql } from './case-facts';
import { commenting as open, drafting, normative } from './cases.testing';

const closed = open.send('CLOSE_PUBLIC_COMMENT', {}, '2023-04-13');

describe('factColumns', () => {
  it('stamps the derivation version, so that rows behind it are refreshed at boot', () => {
    expect(factColumns(normative, drafting.stored).factsVersion).toBe(FACTS_VERSION);
  });

  it('has a case in drafting await its official, with no time limit yet', () => {
    const f = factColumns(normative, drafting.stored);
    expect(f).toMatchObject({ startedOn: '2023-03-20', dueDate: null, dueCode: null, awaitingRoles: ',official,', issueCount: 0 });
    expect(f.rulebooks).toMatch(/^,jiangsu-[^,]+,$/);
  });

  it('carries the comment period as the time limit while it runs', () => {
    expect(factColumns(normative, open.stored)).toMatchObject({ dueDate: '2023-04-12', dueCode: 'COMMENT_PERIOD_END' });
  });

  it('keeps the overdue mark while the same time limit applies', () => {
    const previous = { dueDate: '2023-04-12', dueCode: 'COMMENT_PERIOD_END', overdueSince: '2023-04-13' };
    expect(factColumns(normative, open.stored, previous).overdueSince).toBe('2023-04-13');
  });

  it('clears the overdue mark once the time limit changes', () => {
    const previous = { dueDate: '2023-04-12', dueCode: 'COMMENT_PERIOD_END', overdueSince: '2023-04-13' };
    expect(factColumns(normative, closed.stored).dueCode).not.toBe('COMMENT_PERIOD_END');
    expect(factColumns(normative, closed.stored, previous).overdueSince).toBeNull();
  });
});

describe('isOverdue', () => {
  it('is overdue only after the due day', () => {
    expect(isOverdue('2023-04-12', 'COMMENT_PERIOD_END', '2023-04-12')).toBe(false);
    expect(isOverdue('2023-04-12', 'COMMENT_PERIOD_END', '2023-04-13')).toBe(true);
  });

  it('never calls the end of a validity period overdue, nor a case without a time limit', () => {
    expect(isOverdue('2023-04-12', 'VALIDITY_END', '2024-01-01')).toBe(false);
    expect(isOverdue(null, null, '2024-01-01')).toBe(false);
  });

  it('says the same in SQL, with any table prefix', () => {
    expect(overdueSql()).toBe("c.due_date < :today AND c.due_code <> 'VALIDITY_END'");
    expect(overdueSql('')).toBe("due_date < :today AND due_code <> 'VALIDITY_END'");
  });
});
