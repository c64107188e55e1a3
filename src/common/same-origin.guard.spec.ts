import type { Request } from 'express';
import { isOwnOrigin } from './same-origin.guard';

const to = (host: string | undefined) => ({ host }) as Request;

describe('isOwnOrigin: a browser Origin against the host the request was sent to', () => {
  it.each([
    ['http://127.0.0.1:3000', '127.0.0.1:3000', true],
    ['https://docket.gov.cn', 'docket.gov.cn', true],
    ['https://docket.gov.cn', 'docket.gov.cn:443', true],
    ['http://docket.gov.cn', 'docket.gov.cn:80', true],
    // behind a TLS-terminating proxy the server itself is reached over http
    ['https://docket.gov.cn', 'docket.gov.cn', true],
    ['https://evil.example', 'docket.gov.cn', false],
    ['https://docket.gov.cn.evil.example', 'docket.gov.cn', false],
    ['http://127.0.0.1:3001', '127.0.0.1:3000', false],
    ['http://localhost:3000', '127.0.0.1:3000', false],
    ['null', 'docket.gov.cn', false],
    ['file://', 'docket.gov.cn', false],
    ['garbage', 'docket.gov.cn', false],
    ['https://docket.gov.cn', undefined, false],
  ])('%s to %s: %s', (origin, host, expected) => {
    expect(isOwnOrigin(origin, to(host))).toBe(expected);
  });
});
