/**
 * The plain-text rule of every text a client sends: letters, punctuation, line breaks and tabs.
 * C0 controls other than \t \n \r, DEL, the C1 controls, and the bidirectional overrides and
 * isolates (U+202A–U+202E, U+2066–U+2069, which can make a title read backwards) are refused:
 * they reach the archive's text files and the pages raw.
 */
// matching control characters is the point here
// eslint-disable-next-line no-control-regex
export const NOT_PLAIN_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

/** The same rule as a whole-string pattern, for class-validator's @Matches. */
// eslint-disable-next-line no-control-regex
export const PLAIN_TEXT = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$/;

/** The first character the rule refuses, as U+XXXX, or null when the text is plain. */
export function forbiddenCharacter(s: string): string | null {
  const m = NOT_PLAIN_TEXT.exec(s);
  return m ? `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` : null;
}
