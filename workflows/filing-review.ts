import type { WorkingCalendar } from './shared/calendar';
import type { IsoDate } from './shared/dates';
import type { Blocker } from './shared/procedure';
import { law, text, type Text } from './shared/text';
import type { RuleValue } from './rulebook';

/**
 * 备案审查: filing review as the receiving government does it. A government's normative document,
 * once filed (RECORD_FILING on its case), is received by the government above it; that
 * government's filing reviewer (备案审查人员) registers it (登记), or holds its registration until
 * the filing government supplies what is missing (暂缓登记), then reviews it and concludes: no
 * issue, a suggestion to amend, or a correction ordered (责令改正), which the filing government
 * answers by amending or repealing the document by a date.
 *
 * Pure: the statuses, which act each allows, what each act needs, and the time limits as data.
 */

export const FILING_STATUSES = ['received', 'registered', 'held', 'reviewed'] as const;
export type FilingStatus = (typeof FILING_STATUSES)[number];

export const FILING_CONCLUSIONS = ['no-issue', 'suggest-amendment', 'correction-ordered'] as const;
export type FilingConclusion = (typeof FILING_CONCLUSIONS)[number];

export const FILING_EVENTS = ['REGISTER_FILING', 'HOLD_FILING', 'ISSUE_FILING_REVIEW'] as const;
export type FilingEventType = (typeof FILING_EVENTS)[number];

export const FILING_BASIS: Text = law.gbf37('备案审查', 'filing review');

/**
 * The receiving side's time limits, in working days. Neither the county's report nor the rules
 * Docket holds set them (they are in the province's decree on filing review, not yet read):
 * these are placeholders marked unchecked, and the deadlines they give are shown as such.
 */
export const FILING_REVIEW_RULES: { registerWithin: RuleValue; reviewWithin: RuleValue } = {
  registerWithin: {
    value: 5,
    unit: 'working-days',
    basis: law.local('备案登记期限', 'registration of a filing'),
    checked: 'no',
    note: 'placeholder until the provincial decree on filing review is read',
  },
  reviewWithin: {
    value: 20,
    unit: 'working-days',
    basis: law.local('备案审查期限', 'review of a filing'),
    checked: 'no',
    note: 'placeholder until the provincial decree on filing review is read',
  },
};

/** What a filing is, as the rules see it. */
export interface FilingFacts {
  status: FilingStatus;
  /** when it was received (the filing government's RECORD_FILING) */
  receivedOn: IsoDate;
  registeredOn?: IsoDate | null;
}

export interface FilingAct {
  type: FilingEventType;
  occurredOn: IsoDate;
  reason?: string;
  correctBy?: IsoDate;
  conclusion?: FilingConclusion;
  opinion?: string;
}

const blocker = (code: string, zh: string, en: string, basis: Text = FILING_BASIS): Blocker => ({
  code,
  message: text(zh, en),
  legalBasis: basis,
});

/** The status each act leads to. */
export const FILING_NEXT: Record<FilingEventType, FilingStatus> = {
  REGISTER_FILING: 'registered',
  HOLD_FILING: 'held',
  ISSUE_FILING_REVIEW: 'reviewed',
};

/** Which statuses each act may be taken in: a held filing is registered once what was missing is supplied. */
const ALLOWED_IN: Record<FilingEventType, readonly FilingStatus[]> = {
  REGISTER_FILING: ['received', 'held'],
  HOLD_FILING: ['received'],
  ISSUE_FILING_REVIEW: ['registered'],
};

/** Why this act cannot be taken on this filing now; empty when it can. */
export function filingBlockers(f: FilingFacts, act: FilingAct): Blocker[] {
  const out: Blocker[] = [];
  if (!ALLOWED_IN[act.type].includes(f.status)) {
    const zh: Record<FilingEventType, string> = {
      REGISTER_FILING: '只有已收到或暂缓登记的备案可以登记',
      HOLD_FILING: '只有已收到、尚未登记的备案可以暂缓登记',
      ISSUE_FILING_REVIEW: '备案须先登记，才能出具审查意见',
    };
    const en: Record<FilingEventType, string> = {
      REGISTER_FILING: 'only a received or held filing can be registered',
      HOLD_FILING: 'only a received filing not yet registered can be held',
      ISSUE_FILING_REVIEW: 'a filing is registered before it is reviewed',
    };
    out.push(blocker('FILING_NOT_IN_STATUS', zh[act.type], en[act.type]));
  }
  if (act.occurredOn < f.receivedOn)
    out.push(blocker('FILING_BEFORE_RECEIPT', '办理日期早于收到备案的日期', 'the act is dated before the filing was received'));
  if (act.type === 'ISSUE_FILING_REVIEW' && f.registeredOn && act.occurredOn < f.registeredOn)
    out.push(blocker('REVIEW_BEFORE_REGISTRATION', '审查意见日期早于登记日期', 'the review is dated before the registration'));
  if (act.type === 'HOLD_FILING') {
    if (!act.reason?.trim()) out.push(blocker('HOLD_REASON_REQUIRED', '暂缓登记须说明需补充的材料', 'a hold names what must be supplied'));
    if (!act.correctBy || act.correctBy <= act.occurredOn)
      out.push(blocker('HOLD_DATE_REQUIRED', '暂缓登记须给出晚于今日的补充期限', 'a hold gives a date, after today, to supply it by'));
  }
  if (act.type === 'ISSUE_FILING_REVIEW') {
    if (!act.conclusion) out.push(blocker('CONCLUSION_REQUIRED', '须给出审查结论', 'a review concludes'));
    if (!act.opinion?.trim()) out.push(blocker('OPINION_REQUIRED', '须写明审查意见', 'a review gives its opinion'));
    if (act.conclusion === 'correction-ordered' && (!act.correctBy || act.correctBy <= act.occurredOn))
      out.push(
        blocker(
          'CORRECTION_DATE_REQUIRED',
          '责令改正须给出改正期限',
          'a correction order gives the date to amend or repeal by',
          law.gbf37('备案监督', 'filing supervision'),
        ),
      );
  }
  return out;
}

/** The day by which the filing's next step is due, counted in working days (provisional when a year's holidays are unknown). */
export function filingDue(
  f: FilingFacts,
  calendar: WorkingCalendar,
): { date: IsoDate; provisional: boolean; rule: 'registerWithin' | 'reviewWithin' } | null {
  if (f.status === 'received') {
    const r = calendar.addWorkingDays(f.receivedOn, FILING_REVIEW_RULES.registerWithin.value);
    return { date: r.value, provisional: r.provisional, rule: 'registerWithin' };
  }
  if (f.status === 'registered' && f.registeredOn) {
    const r = calendar.addWorkingDays(f.registeredOn, FILING_REVIEW_RULES.reviewWithin.value);
    return { date: r.value, provisional: r.provisional, rule: 'reviewWithin' };
  }
  return null;
}

/** The quarter (1–4) of a date, as the public catalogue of filings is published each quarter. */
export const quarterOf = (date: IsoDate): number => Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1;

/** The first and last day of a quarter. */
export function quarterSpan(year: number, quarter: number): { from: IsoDate; to: IsoDate } {
  const first = (quarter - 1) * 3 + 1;
  const last = first + 2;
  const days = new Date(Date.UTC(year, last, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  return { from: `${year}-${pad(first)}-01`, to: `${year}-${pad(last)}-${pad(days)}` };
}
