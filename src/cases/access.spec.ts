import { CaseBase, procedures, Role } from '../../workflows';
import type { Principal } from '../auth/principal';
import { ErrorCode } from '../common/domain-error';
import { actsAs, authorize, canRead, departmentScope, Refusal, refusalBlocker, SEPARATION_BASIS } from './access';

const SIYANG = { governmentId: 'siyang', governmentPath: '/jiangsu/suqian/siyang/' };
const SHUYANG = { governmentId: 'shuyang', governmentPath: '/jiangsu/suqian/shuyang/' };
const SUQIAN = { governmentId: 'suqian', governmentPath: '/jiangsu/suqian/' };

const user = (roles: Role[], department: string | null = null, government = SIYANG): Principal => ({
  id: `u-${roles.join('-')}`,
  username: roles.join('-'),
  displayName: roles.join(' '),
  roles,
  department,
  ...government,
});

const official = user(['official'], 'dept-housing');
const reviewer = user(['reviewer']);
const secretariat = user(['secretariat']);
const supervisor = user(['supervisor']);
const officialAndReviewer = user(['official', 'reviewer'], 'dept-housing');

const housing = { department: 'dept-housing', ...SIYANG };
const education = { department: 'dept-education', ...SIYANG };
const shuyangHousing = { department: 'sy-housing', ...SHUYANG };

const major = procedures['major-decision'];
const normative = procedures['normative-document'];
const context: CaseBase = {
  title: '泗阳县城镇住房保障管理办法',
  department: 'dept-housing',
  jurisdiction: 'jiangsu',
  createdAt: '2023-03-20',
  lastEventDate: '2023-03-20',
};

describe('an official sees only their own department', () => {
  it("reads their own department's case and no other", () => {
    expect(canRead(official, housing)).toBe(true);
    expect(canRead(official, education)).toBe(false);
  });

  it('leaves every other role, or an official who also holds another role, reading all cases', () => {
    for (const u of [reviewer, secretariat, supervisor, officialAndReviewer]) expect(canRead(u, education)).toBe(true);
  });

  it('gives an official without a department no case at all', () => {
    expect(canRead(user(['official']), housing)).toBe(false);
  });

  it("scopes an official's lists and figures to their department, whatever they ask", () => {
    expect(departmentScope(official, undefined)).toEqual({ department: 'dept-housing', beyondOwn: false });
    expect(departmentScope(official, 'dept-housing')).toEqual({ department: 'dept-housing', beyondOwn: false });
    expect(departmentScope(official, 'dept-education')).toEqual({ department: 'dept-housing', beyondOwn: true });
  });

  it('lets everyone else choose a department, or all of them', () => {
    expect(departmentScope(supervisor, 'dept-education')).toEqual({ department: 'dept-education', beyondOwn: false });
    expect(departmentScope(officialAndReviewer, undefined)).toEqual({ department: undefined, beyondOwn: false });
  });
});

describe('governments: a county sees only itself, a city its counties', () => {
  it('gives every role but the supervisor and the admin its own government only', () => {
    for (const u of [reviewer, secretariat, officialAndReviewer]) {
      expect(canRead(u, education)).toBe(true);
      expect(canRead(u, shuyangHousing)).toBe(false);
    }
    expect(canRead(user(['reviewer'], null, SUQIAN), education)).toBe(false);
  });

  it('lets a supervisor read their government and every one below it, never beside or above', () => {
    expect(canRead(supervisor, shuyangHousing)).toBe(false);
    const city = user(['supervisor'], null, SUQIAN);
    expect(canRead(city, education)).toBe(true);
    expect(canRead(city, shuyangHousing)).toBe(true);
    expect(canRead(city, { department: 'x', governmentPath: '/jiangsu/' })).toBe(false);
    expect(canRead(city, { department: 'x', governmentPath: '/jiangsu/suqian2/' })).toBe(false);
  });

  it("lets nobody act on another government's case, a city supervisor included", () => {
    expect(actsAs(reviewer, 'reviewer', shuyangHousing)).toBe(false);
    expect(actsAs(secretariat, 'secretariat', shuyangHousing)).toBe(false);
    expect(actsAs(user(['official'], 'sy-housing'), 'official', shuyangHousing)).toBe(false);
    const refusal = authorize(
      user(['reviewer'], null, SHUYANG),
      housing,
      context,
      normative.events.ISSUE_LEGALITY_OPINION,
      false,
    ) as Refusal;
    expect(refusal.code).toBe(ErrorCode.FORBIDDEN);
  });
});

describe('acting in a role', () => {
  it('binds only the official role to a department', () => {
    expect(actsAs(official, 'official', { department: 'dept-housing', ...SIYANG })).toBe(true);
    expect(actsAs(official, 'official', { department: 'dept-education', ...SIYANG })).toBe(false);
    expect(actsAs(officialAndReviewer, 'official', { department: 'dept-education', ...SIYANG })).toBe(false);
    expect(actsAs(officialAndReviewer, 'reviewer', { department: 'dept-education', ...SIYANG })).toBe(true);
  });

  it('needs the role itself', () => {
    expect(actsAs(reviewer, 'official', { department: 'dept-housing', ...SIYANG })).toBe(false);
    expect(actsAs(secretariat, 'reviewer', { department: 'dept-housing', ...SIYANG })).toBe(false);
  });
});

describe('authorize', () => {
  it("lets an official send their own department's official event in that role", () => {
    expect(authorize(official, housing, context, major.events.FINISH_DRAFT, false)).toEqual({ role: 'official' });
  });

  it("refuses an official another department's case", () => {
    const r = authorize(official, education, context, major.events.FINISH_DRAFT, false) as Refusal;
    expect(r.code).toBe(ErrorCode.FORBIDDEN);
    expect(r.message.en).toBe("an official acts only on their own department's cases");
  });

  it('refuses a user without the role the procedure names', () => {
    const r = authorize(official, housing, context, major.events.ISSUE_LEGALITY_OPINION, false) as Refusal;
    expect(r.code).toBe(ErrorCode.FORBIDDEN);
    expect(r.message.en).toBe('only a reviewer may do this');
  });

  it("lets a reviewer review any department's case, unless they sponsored it", () => {
    expect(authorize(reviewer, education, context, major.events.ISSUE_LEGALITY_OPINION, false)).toEqual({ role: 'reviewer' });
    expect(authorize(officialAndReviewer, housing, context, major.events.ISSUE_LEGALITY_OPINION, true)).toMatchObject({
      code: ErrorCode.SEPARATION_OF_DUTIES,
    });
  });

  it("refuses everyone Docket's own events", () => {
    expect(authorize(secretariat, housing, context, normative.events.EXPIRE, false)).toMatchObject({ code: ErrorCode.FORBIDDEN });
  });
});

describe('a permission refusal as a blocker', () => {
  it("cites the event's legal basis", () => {
    const event = major.events.FINISH_DRAFT;
    const r = authorize(official, education, context, event, false) as Refusal;
    expect(refusalBlocker(r, event)).toEqual({ code: ErrorCode.FORBIDDEN, message: r.message, legalBasis: event.basis });
  });

  it('cites the separation of review from drafting for a sponsor', () => {
    const event = major.events.ISSUE_LEGALITY_OPINION;
    const r = authorize(officialAndReviewer, housing, context, event, true) as Refusal;
    expect(refusalBlocker(r, event)).toEqual({ code: ErrorCode.SEPARATION_OF_DUTIES, message: r.message, legalBasis: SEPARATION_BASIS });
    expect(event.basis).not.toEqual(SEPARATION_BASIS);
  });
});
