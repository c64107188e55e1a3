import { passwordProblem } from './password-policy';
import { backoffSeconds } from './backoff';

describe('the password rule', () => {
  it.each([
    ['12345678', '少于|只含|连续'],
    ['        ', '空白'],
    ['11111111', '重复'],
    ['abcdefgh', '连续'],
    ['87654321', '连续'],
    ['Abcd-x9y!', '连续'],
    ['Pass-1111-x', '重复'],
    ['Aa1!Aa1!', '重复'],
    ['Short1!', '少于'],
    ['onlylowercase-', '只含 2 类'],
    ['x'.repeat(129), '超过'],
  ])('refuses %j, saying why and what is wanted', (password, why) => {
    const p = passwordProblem(password, 'someone');
    expect(p?.zh).toMatch(new RegExp(why));
    expect(p?.zh).toContain('至少三类');
    expect(p?.en).toContain('at least 8 characters');
  });

  it('refuses a password containing the username, in any case, for usernames of 3 or more', () => {
    expect(passwordProblem('Admin-pass-123', 'admin')?.zh).toMatch(/用户名/);
    expect(passwordProblem('xx-Policy-2024', 'li')).toBeNull();
  });

  it('accepts the passwords the tests, benches and demo use', () => {
    for (const [password, username] of [
      ['chief-pass-123', 'admin'],
      ['test-pass-123', 'reviewerOfficial'],
      ['demo-pass-123', 'secretariat'],
      ['Fuzz-pass-1', 'fuzz_user'],
      ['bench-pass-1', 'secretariat'],
      ['scale-pass-1', 'supervisor'],
      ['S3cret-Stripe-Password!', 'zebra'],
      ['密码-Pass-2024', 'zhang'],
    ]) {
      expect({ password, problem: passwordProblem(password, username) }).toEqual({ password, problem: null });
    }
  });
});

describe('the per-account backoff', () => {
  it('waits nothing for 4 failures, 1 s after 5, doubling, at most 15 minutes', () => {
    expect([0, 4, 5, 6, 7, 14, 15, 1e9].map(backoffSeconds)).toEqual([0, 0, 1, 2, 4, 512, 900, 900]);
  });
});
