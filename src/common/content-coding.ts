import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** The content codings Docket sends, in the order it prefers them, with the suffix of the build's copies (vite.config.ts). */
export const CODINGS = [
  ['br', '.br'],
  ['gzip', '.gz'],
] as const;
export type Coding = (typeof CODINGS)[number][0];

/**
 * The coding to send of those `available`: brotli when the request's Accept-Encoding accepts it,
 * else gzip, else none (the plain body). `q=0` refuses a coding, `*` stands for any not named.
 */
export function chooseCoding(acceptEncoding: string | undefined, available: ReadonlySet<Coding>): Coding | undefined {
  if (!acceptEncoding) return undefined;
  const q = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const weight = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    if (name) q.set(name.trim(), weight === undefined ? 1 : Number(weight));
  }
  return CODINGS.map(([c]) => c).find((c) => available.has(c) && (q.get(c) ?? q.get('*') ?? 0) > 0);
}

/**
 * A body compressed once to be sent many times (a cached answer). Brotli's quality 5 and gzip's
 * level 6: a few milliseconds for the 33 KB of /api/procedures (to about 4 KB), within a tenth of
 * their best, where brotli's best would hold the event loop about fifty times as long.
 */
export function compress(body: string | Buffer, coding: Coding): Buffer {
  if (coding === 'gzip') return gzipSync(body, { level: 6 });
  return brotliCompressSync(body, {
    params: {
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_QUALITY]: 5,
      [constants.BROTLI_PARAM_SIZE_HINT]: Buffer.byteLength(body),
    },
  });
}
