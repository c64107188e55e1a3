/** Names of query parameters whose values are secrets a client may put in a URL by mistake. */
const SENSITIVE = /token|passw|secret|key|signature|code|session|auth|credential|jwt|otp|ticket/i;

export const REDACTED = '[REDACTED]';

function nameOf(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

/** Whether a query parameter of this name has its value kept out of logs. */
export function isSensitiveName(name: string): boolean {
  return SENSITIVE.test(name);
}

/**
 * The URL with the value of every sensitive query parameter (a name containing token, password,
 * secret, key, signature, code, session, auth…) replaced by [REDACTED]; the rest kept as sent.
 */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const query = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      return eq >= 0 && isSensitiveName(nameOf(name)) ? `${name}=${REDACTED}` : pair;
    })
    .join('&');
  return `${url.slice(0, q)}?${query}`;
}
