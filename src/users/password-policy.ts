import { text, type Text } from '../../workflows';

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;
/** a run this long of one character, or of consecutive digits or letters (1234, dcba), is refused */
const RUN = 4;

/** What a password must be, in the manner of 等保 2.0 practice (GB/T 22239-2019 8.1.4.1 a: 口令具有复杂度要求). */
export const PASSWORD_RULE = text(
  `密码须至少 ${PASSWORD_MIN} 位（至多 ${PASSWORD_MAX} 位），包含大写字母、小写字母、数字、符号中的至少三类；不能全为空白，不能包含用户名，不能含连续或重复的字符（如 12345678、11111111、abcdefgh）`,
  `a password needs at least ${PASSWORD_MIN} characters (at most ${PASSWORD_MAX}) and at least three of: upper case letters, lower case letters, digits, symbols; not only spaces, not containing the username, no runs of repeated or consecutive characters (like 12345678, 11111111, abcdefgh)`,
);

const KINDS = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9\s]/];

function hasRun(chars: string[]): boolean {
  const code = (c: string) => c.toLowerCase().charCodeAt(0);
  const sameClass = (cs: string[]) => cs.every((c) => /[0-9]/.test(c)) || cs.every((c) => /[a-z]/i.test(c));
  for (let i = 0; i + RUN <= chars.length; i++) {
    const w = chars.slice(i, i + RUN);
    const steps = w.slice(1).map((c, j) => code(c) - code(w[j]));
    if (steps.every((s) => s === 0)) return true;
    if (sameClass(w) && (steps.every((s) => s === 1) || steps.every((s) => s === -1))) return true;
  }
  return false;
}

/** One shorter piece said again and again (Aa1!Aa1!). */
function isRepeated(chars: string[]): boolean {
  for (let len = 1; len <= chars.length / 2; len++) {
    if (chars.length % len === 0 && chars.every((c, i) => c === chars[i % len])) return true;
  }
  return false;
}

/**
 * Why this password is refused, followed by the rule, or null when it is good. The one check for
 * user creation, password change and reset, and DOCKET_ADMIN_PASSWORD.
 */
export function passwordProblem(password: string, username?: string): Text | null {
  const chars = [...password];
  const problem = ((): Text | null => {
    if (chars.length < PASSWORD_MIN) return text(`密码少于 ${PASSWORD_MIN} 位`, `the password is shorter than ${PASSWORD_MIN} characters`);
    if (chars.length > PASSWORD_MAX) return text(`密码超过 ${PASSWORD_MAX} 位`, `the password is longer than ${PASSWORD_MAX} characters`);
    if (!password.trim()) return text('密码不能全为空白', 'the password is only spaces');
    // a 2-letter username would refuse half the dictionary: only names of 3 or more count
    if (username && username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) {
      return text('密码不能包含用户名', 'the password contains the username');
    }
    if (hasRun(chars)) {
      return text(`密码含 ${RUN} 位及以上连续或重复的字符`, `the password has a run of ${RUN} or more repeated or consecutive characters`);
    }
    if (isRepeated(chars)) return text('密码由同一段字符重复组成', 'the password is one piece repeated');
    const kinds = KINDS.filter((k) => k.test(password)).length;
    if (kinds < 3) return text(`密码只含 ${kinds} 类字符`, `the password has only ${kinds} of the four kinds of characters`);
    return null;
  })();
  return problem && text(`${problem.zh}。${PASSWORD_RULE.zh}`, `${problem.en}: ${PASSWORD_RULE.en}`);
}
