import type { IsoDate } from './shared/dates';
import { law, Text, text } from './shared/text';

/**
 * The rulebook: every duration a guard uses, as data with its legal source and whether it was
 * checked against the official text. Guards read these values; none hard-codes a number.
 */
export type Unit = 'calendar-days' | 'working-days' | 'years';
export type Checked = 'yes' | 'partly' | 'no';

export interface RuleValue {
  value: number;
  unit: Unit;
  basis: Text;
  checked: Checked;
  note?: string;
}

/**
 * One edition of a jurisdiction's rules. When the law changes, a new edition is added with the
 * date it takes effect, and the old one stays: every step of a case is judged by the edition in
 * force on the day the step was taken (see `rulebookOn`), and the case records which editions
 * judged it.
 */
export interface Rulebook {
  /** e.g. `national-2019`: recorded on every case judged by it */
  edition: string;
  jurisdiction: Jurisdiction;
  name: Text;
  /** the first day this edition judges; the earliest edition also judges steps dated before it */
  effectiveFrom: IsoDate;
  /** why the edition starts then */
  effectiveBasis: Text;
  values: {
    /** 重大行政决策 公开征求意见期限 ≥ 30 日 (shorter only with a stated reason) */
    decisionCommentMinDays: RuleValue;
    /** 听证会材料提前公布 ≥ 7 日 */
    decisionHearingNoticeMinDays: RuleValue;
    /** 合法性审查时间 一般不少于 7 个工作日 */
    decisionReviewMinWorkingDays: RuleValue;
    /** 规范性文件 征求意见期限 ≥ 7 个工作日 */
    documentCommentMinWorkingDays: RuleValue;
    /** 涉及市场主体的规范性文件 征求意见 ≥ 30 日 */
    documentMarketCommentMinDays: RuleValue;
    /** 规范性文件合法性审核时间 5–15 个工作日 */
    documentReviewMinWorkingDays: RuleValue;
    documentReviewMaxWorkingDays: RuleValue;
    /** 备案期限：公布之日起 30 日内 */
    documentFilingDeadlineDays: RuleValue;
    /** 有效期 5 年；暂行、试行 2 年 */
    documentValidityYears: RuleValue;
    interimDocumentValidityYears: RuleValue;
  };
}

export type Jurisdiction = 'national' | 'jiangsu';
export type RuleKey = keyof Rulebook['values'];

const national2019: Rulebook = {
  edition: 'national-2019',
  jurisdiction: 'national',
  name: text('国家规定（2019年版）', 'National rules (2019 edition)'),
  effectiveFrom: '2019-09-01',
  effectiveBasis: text('《重大行政决策程序暂行条例》自2019年9月1日起施行', 'Decree 713 in force from 2019-09-01'),
  values: {
    decisionCommentMinDays: {
      value: 30,
      unit: 'calendar-days',
      basis: law.decree713(15),
      checked: 'yes',
    },
    decisionHearingNoticeMinDays: {
      value: 7,
      unit: 'calendar-days',
      basis: law.decree713(17),
      checked: 'yes',
    },
    decisionReviewMinWorkingDays: {
      value: 7,
      unit: 'working-days',
      basis: law.decree713(26),
      checked: 'yes',
    },
    documentCommentMinWorkingDays: {
      value: 7,
      unit: 'working-days',
      basis: law.gbf37('广泛征求意见', 'public consultation'),
      checked: 'partly',
    },
    documentMarketCommentMinDays: {
      value: 30,
      unit: 'calendar-days',
      basis: text(
        '法治政府建设示范指标（涉及市场主体的规范性文件征求意见）',
        'Model indicators for law-based government (market-related documents)',
      ),
      checked: 'partly',
    },
    documentReviewMinWorkingDays: {
      value: 5,
      unit: 'working-days',
      basis: law.gbf115('合理确定审核时限', 'review time'),
      checked: 'no',
    },
    documentReviewMaxWorkingDays: {
      value: 15,
      unit: 'working-days',
      basis: law.gbf115('合理确定审核时限', 'review time'),
      checked: 'no',
    },
    documentFilingDeadlineDays: {
      value: 30,
      unit: 'calendar-days',
      basis: law.gbf37('及时报送备案', 'timely filing'),
      checked: 'no',
      note: 'national default; the Jiangsu value is to be confirmed',
    },
    documentValidityYears: {
      value: 5,
      unit: 'years',
      basis: law.local('规范性文件有效期', 'validity period'),
      checked: 'no',
    },
    interimDocumentValidityYears: {
      value: 2,
      unit: 'years',
      basis: law.local('暂行、试行规范性文件有效期', 'validity of interim documents'),
      checked: 'no',
    },
  },
};

/** Jiangsu adds its own rules (Decree No. 158, 2022); values not yet confirmed there follow the national ones. */
const jiangsu2022: Rulebook = {
  edition: 'jiangsu-2022',
  jurisdiction: 'jiangsu',
  name: text('江苏省规定（2022年版）', 'Jiangsu rules (2022 edition)'),
  // the day Decree 158 took effect is still to be checked; until then the edition judges from the national date
  effectiveFrom: national2019.effectiveFrom,
  effectiveBasis: law.jiangsu158('施行日期待核对，暂自国家规定施行之日起适用', 'date of effect to be checked'),
  values: {
    ...national2019.values,
    documentFilingDeadlineDays: {
      ...national2019.values.documentFilingDeadlineDays,
      basis: law.jiangsu158('备案', 'filing'),
      note: 'national value applied until the Jiangsu value is confirmed against the official text',
    },
  },
};

/** Every edition of each jurisdiction's rules, oldest first. Editions are added, never edited once released. */
export const rulebookEditions: Record<Jurisdiction, readonly Rulebook[]> = {
  national: [national2019],
  jiangsu: [jiangsu2022],
};

export const JURISDICTIONS = Object.keys(rulebookEditions) as Jurisdiction[];

/** The edition of `jurisdiction`'s rules in force on `date` (the earliest edition for dates before it). */
export function rulebookOn(jurisdiction: Jurisdiction, date: IsoDate, editions = rulebookEditions[jurisdiction]): Rulebook {
  let found = editions[0];
  for (const e of editions) if (e.effectiveFrom <= date) found = e;
  return found;
}

/** An edition by its id (as recorded on cases), in any jurisdiction. */
export function rulebookEdition(edition: string): Rulebook | undefined {
  return Object.values(rulebookEditions)
    .flat()
    .find((e) => e.edition === edition);
}
