import { verifyWebhookSignature, webhookSignature } from './signature';

describe('webhookSignature', () => {
  it('is HMAC-SHA256 in hex: RFC 4231 test case 2', () => {
    expect(webhookSignature('Jefe', 'what do ya want for nothing?')).toBe(
      'sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });

  // computed apart with: printf '%s' "$BODY" | openssl dgst -sha256 -hmac docket-webhook-secret-1
  const body = '{"id":"n-1","type":"URGED","message":{"zh":"「停车管理办法」催办：请加快办理"}}';
  const secret = 'docket-webhook-secret-1';
  const known = 'sha256=dfa38322748896b5374cde1da5d027ff79f40603b7a5231fe11fda58034365c7';

  it('signs the UTF-8 bytes of a body with Chinese text, as a string or as the bytes sent', () => {
    expect(webhookSignature(secret, body)).toBe(known);
    expect(webhookSignature(secret, Buffer.from(body, 'utf8'))).toBe(known);
  });

  it('verifies the signature and nothing else', () => {
    expect(verifyWebhookSignature(secret, body, known)).toBe(true);
    expect(verifyWebhookSignature(secret, Buffer.from(body), known)).toBe(true);
    // another secret, a changed body (one space), a bare hex digest, an upper-case one, none
    expect(verifyWebhookSignature('docket-webhook-secret-2', body, known)).toBe(false);
    expect(verifyWebhookSignature(secret, body.replace(':', ': '), known)).toBe(false);
    expect(verifyWebhookSignature(secret, body, known.slice('sha256='.length))).toBe(false);
    expect(verifyWebhookSignature(secret, body, known.toUpperCase())).toBe(false);
    expect(verifyWebhookSignature(secret, body, undefined)).toBe(false);
    expect(verifyWebhookSignature(secret, body, '')).toBe(false);
  });
});
