import { CaseBase, procedures, Role } from '../../workflows';
import type { Principal } from '../auth/principal';
import { ErrorCode } from '../common/domain-error';
import { actsAs, authorize, canRead, departmentScope, Refusal, refusalBlocker, SEPARATION_BASIS } from './access';

const user = (roles: Role[], department: string | null = null): Principal => ({
  id: `u-${roles.join('-')}`,
  username: roles.join('-'),
  displayName: roles.join(' '),
  roles,
  department,
});

const official = user(['official'], 'dept-housing');
const reviewer = user(['reviewer']);
const secretariat = user(['secretariat']);
const supervisor = user(['supervisor']);
const officialAndReviewer = user(['official', 'reviewer'], 'dept-housing');

const housing = { department: 'dept-housing' };
const education = { department: 'dept-education' };

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

describe('acting in a role', () => {
  it('binds only the official role to a department', () => {
    expect(actsAs(official, 'official', 'dept-housing')).toBe(true);
    expect(actsAs(official, 'official', 'dept-education')).toBe(false);
    expect(actsAs(officialAndReviewer, 'official', 'dept-education')).toBe(false);
    expect(actsAs(officialAndReviewer, 'reviewer', 'dept-education')).toBe(true);
  });

  it('needs the role itself', () => {
    expect(actsAs(reviewer, 'official', 'dept-housing')).toBe(false);
    expect(actsAs(secretariat, 'reviewer', 'dept-housing')).toBe(false);
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
