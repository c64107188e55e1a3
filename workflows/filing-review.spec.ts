import { filingBlockers, filingDue, FILING_REVIEW_RULES, quarterOf, quarterSpan, type FilingFacts } from './filing-review';
import { packagedHolidayYears } from './shared/holiday-package';
import { WorkingCalendar } from './shared/calendar';

const calendar = new WorkingCalendar(packagedHolidayYears());
const received: FilingFacts = { status: 'received', receivedOn: '2023-04-10' };
const codes = (f: FilingFacts, act: Parameters<typeof filingBlockers>[1]) => filingBlockers(f, act).map((b) => b.code);

describe('filing review at the receiving government: what each act needs', () => {
  it('registers a received filing, or a held one once supplied; never twice', () => {
    expect(codes(received, { type: 'REGISTER_FILING', occurredOn: '2023-04-11' })).toEqual([]);
    expect(codes({ ...received, status: 'held' }, { type: 'REGISTER_FILING', occurredOn: '2023-04-20' })).toEqual([]);
    expect(codes({ ...received, status: 'registered' }, { type: 'REGISTER_FILING', occurredOn: '2023-04-20' })).toEqual([
      'FILING_NOT_IN_STATUS',
    ]);
  });

  it('holds only a received filing, naming what is missing and a later date to supply it by', () => {
    expect(codes(received, { type: 'HOLD_FILING', occurredOn: '2023-04-11', reason: '缺少起草说明', correctBy: '2023-04-25' })).toEqual([]);
    expect(codes(received, { type: 'HOLD_FILING', occurredOn: '2023-04-11', reason: ' ', correctBy: '2023-04-11' })).toEqual([
      'HOLD_REASON_REQUIRED',
      'HOLD_DATE_REQUIRED',
    ]);
    expect(
      codes({ ...received, status: 'held' }, { type: 'HOLD_FILING', occurredOn: '2023-04-12', reason: 'x', correctBy: '2023-05-01' }),
    ).toEqual(['FILING_NOT_IN_STATUS']);
  });

  it('reviews only a registered filing, after its registration; a correction ordered gives a date', () => {
    const registered: FilingFacts = { ...received, status: 'registered', registeredOn: '2023-04-14' };
    const review = {
      type: 'ISSUE_FILING_REVIEW' as const,
      occurredOn: '2023-05-05',
      opinion: '未发现问题',
      conclusion: 'no-issue' as const,
    };
    expect(codes(registered, review)).toEqual([]);
    expect(codes(received, review)).toEqual(['FILING_NOT_IN_STATUS']);
    expect(codes(registered, { ...review, occurredOn: '2023-04-13' })).toEqual(['REVIEW_BEFORE_REGISTRATION']);
    expect(codes(registered, { ...review, conclusion: 'correction-ordered' })).toEqual(['CORRECTION_DATE_REQUIRED']);
    expect(codes(registered, { ...review, conclusion: 'correction-ordered', correctBy: '2023-06-05' })).toEqual([]);
  });

  it('takes no act dated before the filing was received', () => {
    expect(codes(received, { type: 'REGISTER_FILING', occurredOn: '2023-04-09' })).toEqual(['FILING_BEFORE_RECEIPT']);
  });

  it('cites the filing rules on every refusal', () => {
    for (const b of filingBlockers(received, { type: 'ISSUE_FILING_REVIEW', occurredOn: '2023-04-09' }))
      expect(b.legalBasis.zh).toMatch(/国办发|规定/);
  });
});

describe('filing review time limits', () => {
  it('are in working days, and marked unchecked until the provincial decree is read', () => {
    for (const rule of Object.values(FILING_REVIEW_RULES)) {
      expect(rule.unit).toBe('working-days');
      expect(rule.checked).toBe('no');
    }
  });

  it('count registration from receipt and the review from registration, over holidays', () => {
    // received Monday 2023-04-10: five working days on is Monday 2023-04-17
    expect(filingDue(received, calendar)).toEqual({ date: '2023-04-17', provisional: false, rule: 'registerWithin' });
    // registered 2023-04-26: twenty working days on, over the May Day holiday (04-29 to 05-03) and its make-up Saturdays
    const due = filingDue({ ...received, status: 'registered', registeredOn: '2023-04-26' }, calendar)!;
    expect(due.rule).toBe('reviewWithin');
    expect(due.date).toBe(calendar.addWorkingDays('2023-04-26', 20).value);
    expect(due.date > '2023-05-24').toBe(true);
    expect(filingDue({ ...received, status: 'held' }, calendar)).toBeNull();
  });
});

describe('quarters of the public catalogue', () => {
  it('places a date in its quarter and spans each quarter', () => {
    expect(['2023-01-01', '2023-03-31', '2023-04-01', '2023-12-31'].map(quarterOf)).toEqual([1, 1, 2, 4]);
    expect(quarterSpan(2023, 1)).toEqual({ from: '2023-01-01', to: '2023-03-31' });
    expect(quarterSpan(2024, 1).to).toBe('2024-03-31');
    expect(quarterSpan(2023, 2)).toEqual({ from: '2023-04-01', to: '2023-06-30' });
    expect(quarterSpan(2023, 4)).toEqual({ from: '2023-10-01', to: '2023-12-31' });
  });
});
