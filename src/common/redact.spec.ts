import { redactUrl } from './redact';

describe('redactUrl: sensitive query values never reach a log', () => {
  it.each([
    ['/api/cases?access_token=abc&page=2', '/api/cases?access_token=[REDACTED]&page=2'],
    ['/api/x?page=1&api_key=k&Password=p&sig=s', '/api/x?page=1&api_key=[REDACTED]&Password=[REDACTED]&sig=s'],
    ['/api/x?auth%5Ftoken=t', '/api/x?auth%5Ftoken=[REDACTED]'],
    ['/api/x?code=123&code=456', '/api/x?code=[REDACTED]&code=[REDACTED]'],
    ['/api/x?session', '/api/x?session'],
    ['/api/x?year=2023', '/api/x?year=2023'],
    ['/api/x', '/api/x'],
    ['/api/x?%E0%A4%A=1&token=2', '/api/x?%E0%A4%A=1&token=[REDACTED]'],
  ])('%s → %s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });
});
