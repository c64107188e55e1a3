import { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { readdirSync } from 'node:fs';
import { extname, join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { AppModule } from './app.module';
import { validationPipe } from './common/validation';
import { AppConfig } from './config/config';
import { releaseStartupLock } from './database/lock';
import { chooseCoding, type Coding, CODINGS } from './common/content-coding';
import { serverLog } from './common/log';

/**
 * The largest body a valid request can have, with room: a draftText of 100,000 Chinese
 * characters is about 300 KB of UTF-8 (600 KB if a client escapes them as \\uXXXX).
 */
const BODY_LIMIT = '1mb';

const isApi = (path: string) => /^\/api(\/|$)/.test(path);
/** The Swagger UI's page and its assets (not /api/docs-json, which is JSON like the rest of the API) */
const isDocs = (path: string) => /^\/api\/docs(\/|$)/.test(path);

const common = {
  // the pages are never framed: X-Frame-Options for browsers that predate frame-ancestors
  frameguard: { action: 'deny' as const },
  referrerPolicy: { policy: 'no-referrer' as const },
  // effective only over HTTPS; not for subdomains, which the county's other sites may serve over HTTP
  strictTransportSecurity: { maxAge: 15_552_000, includeSubDomains: false },
};

/**
 * The pages' policy: scripts and everything else only from Docket itself, never inline and
 * never eval; styles may be inline because Element Plus and ECharts set style attributes.
 * The Swagger UI at /api/docs works under the same policy (its scripts are files, its
 * inline <style> is allowed by style-src, its icons are data: images).
 */
const pageHeaders = helmet({
  ...common,
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      'default-src': ["'self'"],
      'base-uri': ["'self'"],
      'script-src': ["'self'"],
      'style-src': ["'self'", "'unsafe-inline'"],
      'img-src': ["'self'", 'data:', 'blob:'],
      'font-src': ["'self'", 'data:'],
      'connect-src': ["'self'"],
      'object-src': ["'none'"],
      'form-action': ["'self'"],
      'frame-ancestors': ["'none'"],
    },
  },
});

/** JSON answers load nothing and are never framed. */
const apiHeaders = helmet({
  ...common,
  contentSecurityPolicy: { useDefaults: false, directives: { 'default-src': ["'none'"], 'frame-ancestors': ["'none'"] } },
});

/**
 * Security headers on everything (helmet), and `Cache-Control: no-store` on the API, so no
 * answer about a case stays in a shared or browser cache; a route that may be cached
 * (/api/procedures) sets its own. Hashed page assets keep their long cache (serveWeb).
 */
function secureHeaders(app: NestExpressApplication): void {
  app.disable('x-powered-by');
  // no ETag computed over each JSON answer: the API's answers are no-store, so no client could
  // revalidate one. /api/procedures, the one cacheable answer, sets its own (computed once per
  // deployment) and still gets its 304; the pages' files keep the ETags the static server gives them
  app.set('etag', false);
  app.use((req: Request, res: Response, next: NextFunction) => {
    const api = isApi(req.path);
    if (api) res.setHeader('Cache-Control', 'no-store');
    (api && !isDocs(req.path) ? apiHeaders : pageHeaders)(req, res, next);
  });
}

/** The URL paths of the built files that have precompressed copies, with their codings (read once, at start). */
function precompressed(root: string): Map<string, Set<Coding>> {
  const found = new Map<string, Set<Coding>>();
  let files: string[];
  try {
    files = readdirSync(root, { recursive: true, encoding: 'utf8' });
  } catch {
    return found; // no pages built (the API alone)
  }
  for (const file of files) {
    const coding = CODINGS.find(([, ext]) => file.endsWith(ext));
    if (!coding) continue;
    const url = `/${file.slice(0, -coding[1].length).split(/[\\/]/).join('/')}`;
    found.set(url, (found.get(url) ?? new Set<Coding>()).add(coding[0]));
  }
  return found;
}

/**
 * The web pages (built by Vite into dist/web), served by Docket itself (no CDN). A file the build
 * also compressed is sent as its `.br` or `.gz` copy when the browser accepts one (Content-Encoding,
 * the original's Content-Type, Vary: Accept-Encoding), so no request pays for compressing. Hashed
 * assets are cached for good; any other GET outside /api that is not a file gets index.html, so the
 * pages' history-mode routes (/cases/…) load on a reload or a shared link. Unknown /api routes keep their 404 JSON.
 */
function serveWeb(app: NestExpressApplication): void {
  const root = join(__dirname, '..', 'web');
  const index = join(root, 'index.html');
  const variants = precompressed(root);
  app.use((req: Request, res: Response, next: NextFunction) => {
    const codings = (req.method === 'GET' || req.method === 'HEAD') && variants.get(req.path);
    if (!codings) return next();
    res.vary('Accept-Encoding');
    const coding = chooseCoding(req.headers['accept-encoding'], codings);
    if (coding) {
      // the static files below then send the copy, with its length; the type stays the original's
      res.type(extname(req.path));
      res.setHeader('Content-Encoding', coding);
      const query = req.url.indexOf('?');
      req.url = req.path + CODINGS.find(([c]) => c === coding)![1] + (query < 0 ? '' : req.url.slice(query));
    }
    next();
  });
  app.useStaticAssets(root, {
    index: false,
    setHeaders: (res, path) => {
      if (/[\\/]assets[\\/]/.test(path)) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    },
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    const isPage = (req.method === 'GET' || req.method === 'HEAD') && !/^\/api(\/|$)/.test(req.path) && !/\.[A-Za-z0-9]+$/.test(req.path);
    if (!isPage) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index, (err) => {
      if (err && !res.headersSent) next();
    });
  });
}

/** The OpenAPI document of the app's routes: served at /api/docs and written by `npm run openapi` (src/cli/openapi.ts). */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Docket')
      .setDescription(
        '重大行政决策与行政规范性文件程序引擎 — the procedure engine for major administrative decisions and normative documents',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
}

/** The whole server, ready to listen: used by main.ts and by the e2e tests alike. */
export async function createApp(config: AppConfig): Promise<INestApplication> {
  // JSON is the only body Docket parses (no urlencoded parser: no cross-site form reaches a route)
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { bufferLogs: true, bodyParser: false });
  const log = serverLog(config.LOG_LEVEL);
  app.useLogger(log.nest);
  app.use(log.requests);
  if (config.trustProxy !== undefined) app.set('trust proxy', config.trustProxy);
  secureHeaders(app);
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.setGlobalPrefix('api');
  serveWeb(app);
  app.useGlobalPipes(validationPipe);
  app.enableShutdownHooks();
  const doc = openApiDocument(app);
  SwaggerModule.setup('api/docs', app, doc);
  // start-up hooks (seeding, refreshing facts) run here, still under the start-up lock; then other instances may start
  await app.init();
  await releaseStartupLock();
  return app;
}
