import type { Role, StoredSnapshot } from '../../workflows';
import type { Principal } from '../auth/principal';
import type { CaseEntity } from './case.entity';
import { inCharge, officeActs, refusalOf } from './office-acts';

const user = (id: string, roles: Role[], department: string | null = null): Principal => ({
  id,
  username: id,
  displayName: id,
  roles,
  department,
  governmentId: 'county-government',
  governmentPath: '/county-government/',
});

const creator = user('creator', ['official'], 'fgw');
const colleague = user('colleague', ['official'], 'fgw');
const stranger = user('stranger', ['official'], 'zjj');
const secretariat = user('secretariat', ['secretariat']);
const supervisor = user('supervisor', ['supervisor']);
const reviewer = user('reviewer', ['reviewer']);

const row = (over: Partial<CaseEntity> = {}): CaseEntity =>
  ({
    id: 'case-1',
    department: 'fgw',
    governmentId: 'county-government',
    governmentPath: '/county-government/',
    createdBy: 'creator',
    assignee: null,
    awaitingRoles: ',reviewer,',
    snapshot: { status: 'active', value: 'legalityReview', context: {} } as unknown as StoredSnapshot,
    ...over,
  }) as CaseEntity;

describe("another government's case", () => {
  it('is transferred and copied by no one of this government, urged by no supervisor beside it', () => {
    const other = row({ governmentId: 'shuyang', governmentPath: '/suqian/shuyang/' });
    expect(refusalOf(secretariat, other, 'ASSIGN')?.status).toBe('FORBIDDEN');
    expect(refusalOf(creator, other, 'ASSIGN')?.status).toBe('FORBIDDEN');
    expect(refusalOf(secretariat, other, 'COPY')?.status).toBe('FORBIDDEN');
  });
});

describe('the person in charge', () => {
  it('is the assignee, or the creator on a row from before assignees', () => {
    expect(inCharge(row())).toBe('creator');
    expect(inCharge(row({ assignee: 'colleague' }))).toBe('colleague');
  });
});

describe('who may transfer (转办)', () => {
  it('the official in charge and the secretariat; not a colleague, not another department', () => {
    expect(refusalOf(creator, row(), 'ASSIGN')).toBeNull();
    expect(refusalOf(secretariat, row(), 'ASSIGN')).toBeNull();
    expect(refusalOf(colleague, row(), 'ASSIGN')?.status).toBe('FORBIDDEN');
    expect(refusalOf(colleague, row({ assignee: 'colleague' }), 'ASSIGN')).toBeNull();
    expect(refusalOf(creator, row({ assignee: 'colleague' }), 'ASSIGN')?.status).toBe('FORBIDDEN');
    expect(refusalOf(stranger, row({ assignee: 'stranger' }), 'ASSIGN')?.status).toBe('FORBIDDEN');
  });

  it('not a closed case', () => {
    const closed = row({ snapshot: { status: 'done', value: 'terminated', context: {} } as unknown as StoredSnapshot, awaitingRoles: '' });
    expect(refusalOf(creator, closed, 'ASSIGN')?.status).toBe('PROCEDURE_VIOLATION');
  });
});

describe('who may copy (抄送) and urge (催办)', () => {
  it("copies: the department's officials, the secretariat, supervisors", () => {
    for (const u of [creator, colleague, secretariat, supervisor]) expect(refusalOf(u, row(), 'COPY')).toBeNull();
    for (const u of [stranger, reviewer]) expect(refusalOf(u, row(), 'COPY')?.status).toBe('FORBIDDEN');
  });

  it('urges: supervisors only, and only while a step awaits someone', () => {
    expect(refusalOf(supervisor, row(), 'URGE')).toBeNull();
    for (const u of [creator, secretariat, reviewer]) expect(refusalOf(u, row(), 'URGE')?.status).toBe('FORBIDDEN');
    expect(refusalOf(supervisor, row({ awaitingRoles: '' }), 'URGE')?.status).toBe('PROCEDURE_VIOLATION');
  });

  it('the case page lists the three acts with their blockers, in the reader’s language', () => {
    const acts = officeActs(reviewer, row(), 'en');
    expect(acts.map((a) => [a.type, a.allowed])).toEqual([
      ['ASSIGN', false],
      ['COPY', false],
      ['URGE', false],
    ]);
    expect(acts[2].blockers[0]).toMatchObject({ code: 'FORBIDDEN', message: 'only a supervisor may urge' });
    expect(officeActs(supervisor, row(), 'zh')[2]).toMatchObject({ label: '催办', allowed: true, blockers: [] });
  });
});
