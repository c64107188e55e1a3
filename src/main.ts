import 'reflect-metadata';
import { createApp } from './app';
import { loadConfig } from './config/config';

async function main() {
  const config = loadConfig();
  const app = await createApp(config);
  await app.listen(config.PORT);
  console.log(`Docket 已启动：http://localhost:${config.PORT}/  （API 文档 /api/docs）`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
