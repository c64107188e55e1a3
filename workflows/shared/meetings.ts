import { IsoDate, zhDate } from './dates';
import { reviewPassedOn, WithLegalityReview } from './legality-review';
import { Rule } from './procedure';
import { Text, text } from './text';

/**
 * Collective meetings (集体讨论): the record both procedures keep of the meeting that decides,
 * and the rules on it that both share.
 */
export type MeetingType = 'standing' | 'plenary' | 'office';
export const MEETING_TYPES: readonly MeetingType[] = ['standing', 'plenary', 'office'];

export const MEETING_ZH: Record<MeetingType, string> = {
  standing: '常务会议',
  plenary: '全体会议',
  office: '办公会议（部门）',
};

export interface MeetingData {
  meetingType: MeetingType;
  meetingDate: IsoDate;
  outcome: string;
  dissentingOpinions?: string[];
  headOverrodeMajority?: boolean;
  headReasons?: string;
}

export interface MeetingRecord extends MeetingData {
  recordedOn: IsoDate;
}

export function meetingRules<C extends WithLegalityReview>(opts: {
  basis: Text;
  allowedTypes: (context: C) => readonly MeetingType[];
}): Rule<C, MeetingData>[] {
  const { basis } = opts;
  return [
    {
      code: 'MEETING_TYPE_NOT_ALLOWED',
      basis,
      onData: true,
      check: ({ context, data }) => {
        const allowed = opts.allowedTypes(context);
        return (
          !allowed.includes(data.meetingType) &&
          text(
            `须经${allowed.map((t) => MEETING_ZH[t]).join('或')}讨论，不能以${MEETING_ZH[data.meetingType] ?? data.meetingType}代替`,
            `the meeting must be ${allowed.join(' or ')}, not ${data.meetingType}`,
          )
        );
      },
    },
    {
      code: 'MEETING_NOT_HELD_YET',
      basis,
      onData: true,
      check: ({ data, occurredAt }) =>
        data.meetingDate > occurredAt &&
        text(
          `会议日期 ${zhDate(data.meetingDate)} 晚于登记日期 ${zhDate(occurredAt)}`,
          `the meeting date ${data.meetingDate} is after ${occurredAt}`,
        ),
    },
    {
      code: 'MEETING_BEFORE_LEGALITY_OPINION',
      basis,
      onData: true,
      check: ({ context, data }) => {
        // with revisions requested, the draft goes to the meeting only once they are confirmed
        const passed = reviewPassedOn(context);
        return (
          passed !== undefined &&
          data.meetingDate < passed &&
          text(
            `会议日期 ${zhDate(data.meetingDate)} 早于合法性审查通过（含落实修改意见）的日期 ${zhDate(passed)}`,
            `the meeting (${data.meetingDate}) precedes the day the legality review passed (${passed})`,
          )
        );
      },
    },
    {
      code: 'HEAD_REASONS_REQUIRED',
      basis,
      onData: true,
      check: ({ data }) =>
        data.headOverrodeMajority === true &&
        !data.headReasons?.trim() &&
        text(
          '行政首长拟作出的决定与会议组成人员多数人意见不一致的，应当说明理由',
          'the head decided against the majority: the reasons must be recorded',
        ),
    },
  ];
}

export const meetingRecord = (data: MeetingData, recordedOn: IsoDate): MeetingRecord => ({
  ...data,
  dissentingOpinions: data.dissentingOpinions ?? [],
  recordedOn,
});
