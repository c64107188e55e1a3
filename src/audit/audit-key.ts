import { createHash, createPrivateKey, createPublicKey, KeyObject, sign, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** The key that signs checkpoints of the audit chain: kept outside the database, so a database writer cannot sign. */
export interface AuditKey {
  /** SHA-256 of the public key (DER SubjectPublicKeyInfo), hex: `openssl pkey -pubin -outform DER | sha256sum` */
  keyId: string;
  publicKey: KeyObject;
  publicKeyPem: string;
  sign(message: string): string;
}

/** SHA-256 of a public key's DER encoding, hex. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

/** Whether `signature` (base64) is `publicKey`'s Ed25519 signature of `message`. */
export function verifySignature(publicKey: KeyObject, message: string, signature: string): boolean {
  try {
    return verify(null, Buffer.from(message), publicKey, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/**
 * DOCKET_AUDIT_KEY: the PEM text of an Ed25519 private key, or the path of a file holding it
 * (`openssl genpkey -algorithm ed25519 -out audit-key.pem`). Throws a message naming the setting.
 */
export function loadAuditKey(value: string): AuditKey {
  // PEM text passed through an environment that cannot hold newlines often arrives with them escaped
  const inline = value.includes('-----BEGIN');
  let pem: string;
  if (inline) pem = value.replace(/\\n/g, '\n');
  else {
    try {
      pem = readFileSync(value, 'utf8');
    } catch (e) {
      throw new Error(`DOCKET_AUDIT_KEY: cannot read the key file ${value} (${(e as NodeJS.ErrnoException).code ?? String(e)})`, {
        cause: e,
      });
    }
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch {
    throw new Error(`DOCKET_AUDIT_KEY: ${inline ? 'the value' : value} is not an unencrypted PEM private key`);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new Error(
      `DOCKET_AUDIT_KEY must be an Ed25519 private key (openssl genpkey -algorithm ed25519), not ${privateKey.asymmetricKeyType ?? 'a secret key'}`,
    );
  }
  const publicKey = createPublicKey(privateKey);
  return {
    keyId: keyIdOf(publicKey),
    publicKey,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    sign: (message) => sign(null, Buffer.from(message), privateKey).toString('base64'),
  };
}
