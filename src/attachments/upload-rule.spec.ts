import type { Role } from '../../workflows';
import type { CaseEntity } from '../cases/case.entity';
import { uploadRole } from './upload-rule';

const SIYANG = { governmentId: 'siyang', governmentPath: '/suqian/siyang/' };
const user = (roles: Role[], department: string | null = null, government = SIYANG) => ({ roles, department, ...government });
const row = (stage: string, status = 'active') =>
  ({ department: 'fgw', ...SIYANG, stage, snapshot: { status } }) as unknown as Pick<
    CaseEntity,
    'department' | 'governmentId' | 'stage' | 'snapshot'
  >;
const role = (r: ReturnType<typeof uploadRole>) => ('role' in r ? r.role : r.code);

describe('uploadRole: who adds attachments to a case', () => {
  it("the case department's officials, the secretariat", () => {
    expect(role(uploadRole(user(['official'], 'fgw'), row('drafting'), true))).toBe('official');
    expect(role(uploadRole(user(['secretariat'], 'zfb'), row('collectiveDeliberation'), false))).toBe('secretariat');
  });

  it("not another department's official, nor a supervisor", () => {
    expect(role(uploadRole(user(['official'], 'zjj'), row('drafting'), false))).toBe('FORBIDDEN');
    expect(role(uploadRole(user(['supervisor']), row('drafting'), false))).toBe('FORBIDDEN');
  });

  it('the reviewer only while the case is in legality review, and never one who sponsored it', () => {
    expect(role(uploadRole(user(['reviewer'], 'sfj'), row('legalityReview'), false))).toBe('reviewer');
    expect(role(uploadRole(user(['reviewer'], 'sfj'), row('drafting'), false))).toBe('FORBIDDEN');
    expect(role(uploadRole(user(['reviewer'], 'sfj'), row('legalityReview'), true))).toBe('SEPARATION_OF_DUTIES');
    // a reviewer who is also the department's official adds papers as its official
    expect(role(uploadRole(user(['reviewer', 'official'], 'fgw'), row('legalityReview'), true))).toBe('official');
  });

  it('nobody of another government, not even its secretariat or reviewer', () => {
    const shuyang = { governmentId: 'shuyang', governmentPath: '/suqian/shuyang/' };
    expect(role(uploadRole(user(['secretariat'], 'sy-zfb', shuyang), row('drafting'), false))).toBe('FORBIDDEN');
    expect(role(uploadRole(user(['reviewer'], 'sy-sfj', shuyang), row('legalityReview'), false))).toBe('FORBIDDEN');
  });

  it('nobody once the case is closed', () => {
    const r = uploadRole(user(['official'], 'fgw'), row('concluded', 'done'), false);
    expect(r).toMatchObject({ code: 'PROCEDURE_VIOLATION', blocker: 'CASE_NOT_OPEN' });
  });
});
