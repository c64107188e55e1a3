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

export interface Rulebook {
  jurisdiction: Jurisdiction;
  name: Text;
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

const national: Rulebook = {
  jurisdiction: 'national',
  name: text('国家规定', 'National rules'),
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
const jiangsu: Rulebook = {
  jurisdiction: 'jiangsu',
  name: text('江苏省规定', 'Jiangsu rules'),
  values: {
    ...national.values,
    documentFilingDeadlineDays: {
      ...national.values.documentFilingDeadlineDays,
      basis: law.jiangsu158('备案', 'filing'),
      note: 'national value applied until the Jiangsu value is confirmed against the official text',
    },
  },
};

export const rulebooks: Record<Jurisdiction, Rulebook> = { national, jiangsu };

export const JURISDICTIONS = Object.keys(rulebooks) as Jurisdiction[];
