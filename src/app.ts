import { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { validationPipe } from './common/validation';
import { AppConfig } from './config/config';
import { releaseStartupLock } from './database/lock';

/**
 * The web pages (built by Vite into dist/web), served by Docket itself (no CDN). Hashed assets are
 * cached for good; any other GET outside /api that is not a file gets index.html, so the pages'
 * history-mode routes (/cases/…) load on a reload or a shared link. Unknown /api routes keep their 404 JSON.
 */
function serveWeb(app: NestExpressApplication): void {
  const root = join(__dirname, '..', 'web');
  const index = join(root, 'index.html');
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

/** The whole server, ready to listen: used by main.ts and by the e2e tests alike. */
export async function createApp(config: AppConfig): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  if (config.trustProxy !== undefined) app.set('trust proxy', config.trustProxy);
  app.setGlobalPrefix('api');
  serveWeb(app);
  app.useGlobalPipes(validationPipe);
  app.enableShutdownHooks();
  const doc = SwaggerModule.createDocument(
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
  SwaggerModule.setup('api/docs', app, doc);
  // start-up hooks (seeding, refreshing facts) run here, still under the start-up lock; then other instances may start
  await app.init();
  await releaseStartupLock();
  return app;
}
