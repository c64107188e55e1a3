/**
 * 行政规范性文件制定程序 — Administrative normative document.
 *
 * Legal basis: 国办发〔2018〕37号 (formulation and supervision), 国办发〔2018〕115号 (legality
 * review mechanism), 江苏省人民政府令第158号 (2022), and local rules on numbering, filing and
 * validity. Read top to bottom: the case file, the events with their rules, the stages, then
 * the versions, each built by `normativeDocumentProcedure` from its parts (version 1 at the end).
 */
import { setup } from 'xstate';
import type { Jurisdiction, Rulebook } from './rulebook';
import { addDays, addYears, IsoDate, yearOf, zhDate } from './shared/dates';
import { label, procedureKit, step, stepWhen } from './shared/kit';
import {
  legalityReviewEvents,
  legalityReviewStates,
  passingOpinion,
  passingOpinionRule,
  pendingSubmission,
  recordRevision,
  reviewPassedOn,
  WithLegalityReview,
} from './shared/legality-review';
import { MeetingData, meetingRecord, MeetingRecord, meetingRules, MeetingType } from './shared/meetings';
import { ComplianceIssue, Due, ProcedureFacts } from './shared/facts';
import { event, EventDefinition, ProcedureDefinition, ProcedureEvent, Release, releaseOf, Role, Rule } from './shared/procedure';
import { commentPeriodStates, minPeriodRule, OpenCommentData, publicCommentEvents, WithPublicComment } from './shared/public-comment';
import { law, text } from './shared/text';

// ───────────────────────────── the case file ─────────────────────────────

export type IssuingOrgan = 'government' | 'department';

export interface NormativeDocumentContext extends WithPublicComment, WithLegalityReview {
  /** 涉及公民、法人和其他组织权利义务 / 涉及市场主体经济活动 / 暂行、试行 */
  flags: { affectsPublicRights: boolean; marketRelated: boolean; interim: boolean };
  /** 制定机关：县政府，或县政府部门 */
  issuingOrgan: IssuingOrgan;
  /** predates Docket: registered as in force, left out of procedural rates */
  registered: boolean;
  /** 集体审议 */
  deliberations: MeetingRecord[];
  /** 统一登记、统一编号、统一公布 */
  publication: {
    channels: string[];
    publishedOn: IsoDate;
    documentNumber: string;
    effectiveDate: IsoDate;
    validUntil: IsoDate;
    filingDeadline: IsoDate;
    filingDeadlineProvisional: boolean;
  } | null;
  /** 报送备案 */
  filing: { filedWith: string; filedOn: IsoDate; late: boolean } | null;
  /** 废止、失效、修改 */
  ending: { kind: 'repealed' | 'expired' | 'amending'; reason: string; on: IsoDate } | null;
}

export interface NormativeDocumentInput {
  title: string;
  department: string;
  jurisdiction: Jurisdiction;
  occurredAt: IsoDate;
  affectsPublicRights: boolean;
  marketRelated: boolean;
  interim: boolean;
  issuingOrgan: IssuingOrgan;
}

/** The case file of a new document: its flags, and nothing done yet. */
export const openCaseFile = (input: NormativeDocumentInput): NormativeDocumentContext => ({
  title: input.title,
  department: input.department,
  jurisdiction: input.jurisdiction,
  createdAt: input.occurredAt,
  lastEventDate: input.occurredAt,
  flags: { affectsPublicRights: input.affectsPublicRights, marketRelated: input.marketRelated, interim: input.interim },
  issuingOrgan: input.issuingOrgan,
  registered: false,
  publicComment: null,
  earlierPublicComments: [],
  legalityReview: [],
  deliberations: [],
  publication: null,
  filing: null,
  ending: null,
});

/** A department's documents are deliberated, published and filed by that department's own staff. */
const issuingOrganStaff = (c: NormativeDocumentContext): Role => (c.issuingOrgan === 'department' ? 'official' : 'secretariat');

const COMMENT_BASIS = law.gbf37('广泛征求意见', 'public consultation');
const REVIEW_BASIS = law.gbf115('未经合法性审核或者经审核不合法的，不得提交集体审议', 'no deliberation without a passing review');
const REVISION_BASIS = law.gbf115(
  '起草单位应当根据合法性审核意见对规范性文件作必要的修改或者补充',
  'the drafter revises the document as the legality opinion says',
);
const RETURN_BASIS = law.gbf115(
  '合法性审核机制：送审材料不全的，审核机构退回补正',
  'legality review mechanism: an incomplete package goes back to the drafter to be completed',
);
const DELIBERATION_BASIS = law.gbf37('集体审议决定', 'collective deliberation');
const PUBLICATION_BASIS = law.gbf37('统一登记、统一编号、统一印发、及时公开', 'unified registration, numbering and publication');
const FILING_BASIS = law.gbf37('及时报送备案', 'timely filing');

// ─────────────────────────────── the events ───────────────────────────────

export const commentDone: Rule<NormativeDocumentContext> = {
  code: 'PUBLIC_COMMENT_INCOMPLETE',
  basis: COMMENT_BASIS,
  check: ({ context }) => {
    const pc = context.publicComment;
    if (pc && !pc.completedOn)
      return text('公开征求意见尚未完成（结束征求意见并公布采纳情况后方可送审）', 'the public comment has not been completed');
    return (
      context.flags.affectsPublicRights &&
      !pc &&
      text(
        '涉及公民、法人和其他组织权利义务的规范性文件须公开征求意见',
        'a document that affects public rights must go out for public comment',
      )
    );
  },
};

/**
 * The events of every version, in the order the procedure meets them; what differs between
 * versions comes from the version's parts (see "the versions" at the end).
 */
export function normativeDocumentEvents<C extends NormativeDocumentContext>(parts: NormativeDocumentParts<C>) {
  return {
    // 公开征求意见: 一般不少于 7 个工作日；涉及市场主体的不少于 30 日
    ...publicCommentEvents<C>({
      basis: COMMENT_BASIS,
      // no rule here yields to a stated reason: 缩短期限理由 would change nothing
      shortening: false,
      draftBasis: law.gbf37('公开征求意见应当公布文件草案及其说明', 'the draft and its explanation are published for comment'),
      periodRules: [
        minPeriodRule<C>({
          code: 'COMMENT_PERIOD_TOO_SHORT',
          value: (rb) => rb.values.documentCommentMinWorkingDays,
        }),
        minPeriodRule<C>({
          code: 'MARKET_COMMENT_PERIOD_TOO_SHORT',
          value: (rb) => rb.values.documentMarketCommentMinDays,
          applies: (c: NormativeDocumentContext, _d: OpenCommentData) => c.flags.marketRelated,
        }),
      ],
    }),

    // 合法性审核: 5 至 15 个工作日 (115号); before the opinion the drafter may withdraw, the reviewer return the package
    ...legalityReviewEvents<C>({
      basis: REVIEW_BASIS,
      returnBasis: RETURN_BASIS,
      prerequisites: [...parts.prerequisites.legalityReview],
      reviewTime: (rb) => ({ min: rb.values.documentReviewMinWorkingDays, max: rb.values.documentReviewMaxWorkingDays }),
      allowExploratory: false,
      revisionBasis: REVISION_BASIS,
    }),

    // 集体审议: 政府常务会议或全体会议；部门办公会议
    RECORD_COLLECTIVE_DELIBERATION: event<C, MeetingData>({
      label: text('登记集体审议', 'Record the collective deliberation'),
      by: issuingOrganStaff,
      basis: DELIBERATION_BASIS,
      rules: [
        passingOpinionRule(REVIEW_BASIS),
        ...meetingRules<C>({
          basis: DELIBERATION_BASIS,
          allowedTypes: (c): MeetingType[] => (c.issuingOrgan === 'department' ? ['office'] : ['standing', 'plenary']),
        }),
      ],
      apply: (c, { data, occurredAt }) => ({ ...c, deliberations: [...c.deliberations, meetingRecord(data, occurredAt)] }),
    }),

    // 统一编号、公布: 有效期 5 年（暂行、试行 2 年）；备案期限自公布之日起计算
    PUBLISH_DOCUMENT: event<C, { channels: string[]; effectiveDate: IsoDate }>({
      label: text('公布文件', 'Publish the document'),
      by: issuingOrganStaff,
      basis: PUBLICATION_BASIS,
      rules: [
        {
          code: 'EFFECTIVE_BEFORE_PUBLICATION',
          basis: PUBLICATION_BASIS,
          onData: true,
          check: ({ data, occurredAt }) =>
            data.effectiveDate < occurredAt &&
            text(
              `施行日期 ${zhDate(data.effectiveDate)} 早于公布日期 ${zhDate(occurredAt)}`,
              `effectiveDate ${data.effectiveDate} precedes publication (${occurredAt})`,
            ),
        },
        {
          code: 'PUBLICATION_CHANNEL_REQUIRED',
          basis: PUBLICATION_BASIS,
          onData: true,
          check: ({ data }) => data.channels.length === 0 && text('须写明公布途径', 'name at least one publication channel'),
        },
      ],
      apply: (c, { data, occurredAt, env, rulebook, assigned }) => {
        const filing = env.calendar.calendarDeadline(occurredAt, rulebook.values.documentFilingDeadlineDays.value);
        if (!assigned.documentNumber) throw new Error('PUBLISH_DOCUMENT needs the allocated document number');
        return {
          ...c,
          publication: {
            channels: data.channels,
            publishedOn: occurredAt,
            documentNumber: assigned.documentNumber,
            effectiveDate: data.effectiveDate,
            validUntil: validUntil(data.effectiveDate, c.flags.interim, rulebook),
            filingDeadline: filing.value,
            filingDeadlineProvisional: filing.provisional,
          },
        };
      },
    }),

    // 报送备案: 逾期报送的记为逾期
    RECORD_FILING: event<C, { filedWith: string }>({
      label: text('报送备案', 'Record the filing'),
      by: issuingOrganStaff,
      basis: FILING_BASIS,
      apply: (c, { data, occurredAt }) => ({
        ...c,
        filing: {
          filedWith: data.filedWith,
          filedOn: occurredAt,
          late: Boolean(c.publication && occurredAt > c.publication.filingDeadline),
        },
      }),
    }),

    REPEAL: event<C, { reason: string }>({
      label: text('废止文件', 'Repeal'),
      by: 'secretariat',
      basis: law.local('规范性文件清理', 'clean-up'),
      apply: (c, { data, occurredAt }) => ({ ...c, ending: { kind: 'repealed', reason: data.reason, on: occurredAt } }),
    }),

    START_AMENDMENT: event<C, { reason: string }>({
      label: text('启动修改', 'Start an amendment'),
      by: 'secretariat',
      basis: law.local('规范性文件清理', 'clean-up'),
      apply: (c, { data, occurredAt }) => ({ ...c, ending: { kind: 'amending', reason: data.reason, on: occurredAt } }),
    }),

    // 有效期届满自动失效 (sent by Docket's scheduler)
    EXPIRE: event<C>({
      label: text('有效期届满失效', 'Expire'),
      by: 'secretariat',
      system: true,
      basis: law.local('规范性文件有效期', 'validity period'),
      rules: [
        {
          code: 'STILL_VALID',
          basis: law.local('规范性文件有效期', 'validity period'),
          check: ({ context, occurredAt }) => {
            const until = context.publication?.validUntil;
            return Boolean(until) && occurredAt <= until! && text(`文件有效期至 ${zhDate(until)}`, `the document is valid until ${until}`);
          },
        },
      ],
      apply: (c, { occurredAt }) => ({ ...c, ending: { kind: 'expired', reason: '有效期届满', on: occurredAt } }),
    }),
    // what the version adds
    ...parts.extraEvents,
  };
}

// ───────────────────────────── the order of stages ─────────────────────────────

/** The stages, in order (the same in every version so far). */
const stages = {
  // a document that does not affect public rights may go straight to legality review
  // back from an unlawful opinion, the revision is recorded before the case is resubmitted
  drafting: {
    on: { OPEN_PUBLIC_COMMENT: step('publicComment'), SUBMIT_FOR_LEGALITY_REVIEW: step('legalityReview'), ...recordRevision },
  },
  publicComment: {
    initial: 'open',
    on: { SUBMIT_FOR_LEGALITY_REVIEW: step('legalityReview'), ...recordRevision },
    states: {
      ...commentPeriodStates(),
      done: label('征求意见已完成', 'completed'),
    },
  },
  legalityReview: legalityReviewStates('#normative-document.collectiveDeliberation', '#normative-document.drafting'),
  collectiveDeliberation: {
    on: {
      RECORD_COLLECTIVE_DELIBERATION: [
        stepWhen('outcome', 'approved', 'publication'),
        stepWhen('outcome', 'rejected', 'terminated'),
        stepWhen('outcome', 'revise', 'drafting'),
      ],
    },
  },
  publication: { on: { PUBLISH_DOCUMENT: step('filing') } },
  // 报备: the document is in force once filed, even when its effective date is later
  filing: { on: { RECORD_FILING: step('inForce') } },
  inForce: { on: { REPEAL: step('repealed'), START_AMENDMENT: step('amending'), EXPIRE: step('expired') } },
  // being amended, it stays in force until repealed, or until its validity lapses
  amending: { on: { REPEAL: step('repealed'), EXPIRE: step('expired') } },
  repealed: { type: 'final' as const },
  expired: { type: 'final' as const },
  terminated: { type: 'final' as const },
};

// ───────────────────────────── what supervision sees ─────────────────────────────

/** Validity: 5 years from the effective date, 2 for interim documents, the last day included. */
export function validUntil(effectiveDate: IsoDate, interim: boolean, rb: Rulebook): IsoDate {
  const years = (interim ? rb.values.interimDocumentValidityYears : rb.values.documentValidityYears).value;
  return addDays(addYears(effectiveDate, years), -1);
}

/** Every mandatory step completed with its records, in order, on time (规范率). */
function issues(c: NormativeDocumentContext): ComplianceIssue[] {
  if (!c.publication || c.registered) return [];
  const found: ComplianceIssue[] = [];
  const add = (code: string, step: [string, string], message: [string, string]) =>
    found.push({ code, step: text(...step), message: text(...message) });
  if (c.flags.affectsPublicRights && !c.publicComment?.completedOn) {
    add(
      'PUBLIC_COMMENT_MISSING',
      ['公开征求意见', 'public comment'],
      ['涉及群众切身利益，未完成公开征求意见', 'no completed public comment'],
    );
  }
  const opinion = passingOpinion(c);
  if (!opinion) add('LEGALITY_REVIEW_MISSING', ['合法性审核', 'legality review'], ['无合法性审核意见', 'no passing legality opinion']);
  const meeting = c.deliberations.find((m) => m.outcome === 'approved');
  if (!meeting) add('DELIBERATION_MISSING', ['集体审议', 'collective deliberation'], ['未经集体审议', 'not deliberated']);
  const passed = reviewPassedOn(c);
  if (meeting && opinion && passed && meeting.meetingDate < passed) {
    add('DELIBERATED_BEFORE_REVIEW', ['集体审议', 'collective deliberation'], ['集体审议早于合法性审核', 'deliberated before the review']);
  }
  if (c.filing?.late) {
    add(
      'FILED_LATE',
      ['报送备案', 'filing'],
      [
        `${zhDate(c.filing.filedOn)} 报送备案，晚于期限 ${zhDate(c.publication.filingDeadline)}`,
        `filed ${c.filing.filedOn}, after ${c.publication.filingDeadline}`,
      ],
    );
  }
  return found;
}

export const dueLabels = {
  COMMENT_PERIOD_END: text('征求意见期届满', 'end of the comment period'),
  REVIEW_DUE: text('合法性审核期限', 'legality review due'),
  FILING_DEADLINE: text('报送备案期限', 'filing deadline'),
  VALIDITY_END: text('有效期届满', 'end of validity'),
};

function due(c: NormativeDocumentContext, stage: string, rb: Rulebook): Due | null {
  const pc = c.publicComment;
  if (stage === 'publicComment' && pc && !pc.closedOn) {
    return {
      date: pc.endDate,
      code: 'COMMENT_PERIOD_END',
      label: dueLabels.COMMENT_PERIOD_END,
      basis: COMMENT_BASIS,
      provisional: false,
    };
  }
  // the clock runs only while a submission awaits its opinion: none once withdrawn or returned
  const s = pendingSubmission(c);
  if (stage === 'legalityReview' && s) {
    return {
      date: s.reviewDueDate,
      code: 'REVIEW_DUE',
      label: dueLabels.REVIEW_DUE,
      basis: rb.values.documentReviewMaxWorkingDays.basis,
      provisional: s.provisional,
    };
  }
  if (stage === 'filing' && c.publication) {
    return {
      date: c.publication.filingDeadline,
      code: 'FILING_DEADLINE',
      label: dueLabels.FILING_DEADLINE,
      basis: rb.values.documentFilingDeadlineDays.basis,
      provisional: c.publication.filingDeadlineProvisional,
    };
  }
  if ((stage === 'inForce' || stage === 'amending') && c.publication) {
    return {
      date: c.publication.validUntil,
      code: 'VALIDITY_END',
      label: dueLabels.VALIDITY_END,
      basis: rb.values.documentValidityYears.basis,
      provisional: false,
    };
  }
  return null;
}

export function normativeDocumentFacts(c: NormativeDocumentContext, stage: string, rb: Rulebook): ProcedureFacts {
  return {
    reportYear: c.publication ? yearOf(c.publication.publishedOn) : null,
    startedOn: c.createdAt,
    decidedOn: c.deliberations.find((m) => m.outcome === 'approved')?.meetingDate ?? null,
    publishedOn: c.publication?.publishedOn ?? null,
    archivedOn: null,
    filedOn: c.filing?.filedOn ?? null,
    filingDeadline: c.publication?.filingDeadline ?? null,
    filedLate: c.filing?.late ?? false,
    registered: c.registered,
    outsideCatalogue: false,
    catalogueItemId: null,
    documentNumber: c.publication?.documentNumber ?? null,
    issues: issues(c),
    due: due(c, stage, rb),
  };
}

/** A document that predates Docket, registered directly as in force (left out of procedural rates). */
export interface RegistrationInput extends Omit<NormativeDocumentInput, 'affectsPublicRights' | 'marketRelated'> {
  documentNumber: string;
  publishedOn: IsoDate;
  effectiveDate: IsoDate;
  validUntil?: IsoDate;
}

export function registeredContext(input: RegistrationInput, rb: Rulebook): NormativeDocumentContext {
  return {
    title: input.title,
    department: input.department,
    jurisdiction: input.jurisdiction,
    createdAt: input.occurredAt,
    lastEventDate: input.occurredAt,
    flags: { affectsPublicRights: false, marketRelated: false, interim: input.interim },
    issuingOrgan: input.issuingOrgan,
    registered: true,
    publicComment: null,
    earlierPublicComments: [],
    legalityReview: [],
    deliberations: [],
    publication: {
      channels: [],
      publishedOn: input.publishedOn,
      documentNumber: input.documentNumber,
      effectiveDate: input.effectiveDate,
      validUntil: input.validUntil ?? validUntil(input.effectiveDate, input.interim, rb),
      filingDeadline: input.publishedOn,
      filingDeadlineProvisional: false,
    },
    filing: null,
    ending: null,
  };
}

// ───────────────────────────── the versions ─────────────────────────────

/** What a version of the normative document is made of: the rest is the same in every version. */
export interface NormativeDocumentParts<C extends NormativeDocumentContext> extends Release {
  /** the case file a new document opens with */
  caseFile: (input: NormativeDocumentInput) => C;
  /** what must be done before the document is submitted for legality review */
  prerequisites: { legalityReview: readonly Rule<C>[] };
  /** the events the version adds, after the others */
  extraEvents?: Record<string, EventDefinition<C, unknown>>;
}

/** A version of the normative document, built from its parts. */
export function normativeDocumentProcedure<C extends NormativeDocumentContext>(parts: NormativeDocumentParts<C>): ProcedureDefinition<C> {
  const events = normativeDocumentEvents(parts);
  const kit = procedureKit<C>(events);
  const machine = setup({
    types: {
      context: {} as C,
      events: {} as ProcedureEvent,
      input: {} as NormativeDocumentInput,
    },
    guards: kit.guards,
    actions: kit.actions,
  }).createMachine({
    id: 'normative-document',
    initial: 'drafting',
    context: ({ input }) => parts.caseFile(input),
    states: stages,
  });
  return {
    id: 'normative-document',
    ...releaseOf(parts),
    label: text('行政规范性文件', 'Administrative normative document'),
    stages: {
      drafting: text('起草', 'Drafting'),
      publicComment: text('公开征求意见', 'Public comment'),
      legalityReview: text('合法性审核', 'Legality review'),
      collectiveDeliberation: text('集体审议', 'Collective deliberation'),
      publication: text('统一编号公布', 'Publication'),
      filing: text('报送备案', 'Filing'),
      inForce: text('现行有效', 'In force'),
      amending: text('修改中', 'Being amended'),
      repealed: text('已废止', 'Repealed'),
      expired: text('已失效', 'Expired'),
      terminated: text('已终止', 'Terminated'),
    },
    events,
    machine,
    dueLabels,
    facts: normativeDocumentFacts,
  };
}

export const normativeDocument = normativeDocumentProcedure<NormativeDocumentContext>({
  version: 1,
  // 国办发〔2018〕37号; the first version also carries documents recorded as started before it
  effectiveFrom: '2018-05-16',
  caseFile: openCaseFile,
  prerequisites: { legalityReview: [commentDone] },
});

export const { events, machine } = normativeDocument;
