/**
 * `npm run report -- --year 2023 [--government suqian] [--department zjj] [--lang en] [--json]`:
 * the compliance report of a year (of a government and every one below it; the first government
 * when none is named) as tables, read straight from the database Docket uses (DOCKET_DB or
 * DATABASE_URL), with the same service the API uses.
 */
import 'reflect-metadata';
import { DynamicModule, Global, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { releaseStartupLock } from '../database/lock';
import Table from 'cli-table3';
import { parseArgs } from 'node:util';
import { CatalogueModule } from '../catalogue/catalogue.module';
import { AppConfig, loadConfig } from '../config/config';
import { DatabaseModule } from '../database/database.module';
import { Rate } from '../reports/reports.service';
import { ReportsModule } from '../reports/reports.module';
import { ReportsService } from '../reports/reports.service';
import { Db } from '../database/db.service';
import { FIRST_GOVERNMENT } from '../database/migrations/1764979200000-governments';
import { GovernmentsModule } from '../governments/governments.module';
import { GovernmentsService } from '../governments/governments.service';

@Global()
@Module({})
class ReportCliModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ReportCliModule,
      imports: [DatabaseModule, CatalogueModule, GovernmentsModule, ReportsModule],
      providers: [{ provide: AppConfig, useValue: config }],
      exports: [AppConfig],
    };
  }
}

// colours only on a terminal, so the table can be piped into a file or a mail
const table = (head: string[]) => new Table({ head, ...(process.stdout.isTTY ? {} : { style: { head: [], border: [] } }) });

const pct = (r: Rate) => (r.value === null ? '—' : `${(r.value * 100).toFixed(1)}%（${r.numerator}/${r.denominator}）`);

async function main() {
  const { values } = parseArgs({
    options: {
      year: { type: 'string' },
      department: { type: 'string' },
      government: { type: 'string', default: FIRST_GOVERNMENT },
      lang: { type: 'string', default: 'zh' },
      json: { type: 'boolean', default: false },
    },
  });
  const year = Number(values.year);
  if (!Number.isInteger(year) || year < 1990 || year > 2100) {
    console.error('用法 usage: npm run report -- --year 2023 [--government <id>] [--department <id>] [--lang en] [--json]');
    process.exit(2);
  }
  const config = loadConfig();
  const app = await NestFactory.createApplicationContext(ReportCliModule.forRoot(config), { logger: ['error'] });
  await releaseStartupLock();
  try {
    const lang = values.lang === 'en' ? 'en' : 'zh';
    const government = await app.get(Db).read((m) => app.get(GovernmentsService).get(m, values.government));
    if (!government) {
      console.error(`没有政府 no government ${values.government}`);
      process.exit(2);
    }
    const scope = { government: { path: government.path, below: true }, department: values.department };
    const r = await app.get(ReportsService).rolledUp(year, scope, government, lang);
    if (values.json) {
      console.log(JSON.stringify(r, null, 2));
      return;
    }
    const zh = lang === 'zh';
    const d = r.normativeDocuments;
    const m = r.majorDecisions;
    console.log(zh ? `\n${year} 年度依法行政监督指标${values.department ? `（${values.department}）` : ''}` : `\nCompliance ${year}`);
    const docs = table(zh ? ['行政规范性文件', '数值'] : ['Normative documents', 'value']);
    docs.push(
      [zh ? '出台件数' : 'published', d.published],
      [zh ? '报备率' : 'filing rate', pct(d.filingRate)],
      [zh ? '报备及时率' : 'timely filing rate', pct(d.timelyFilingRate)],
      [zh ? '规范率' : 'standardization rate', pct(d.standardizationRate)],
    );
    console.log(docs.toString());
    const dec = table(zh ? ['重大行政决策', '件数'] : ['Major decisions', 'count']);
    dec.push(
      [zh ? '列入目录' : 'in catalogue', m.inCatalogue],
      [zh ? '启动' : 'started', m.started],
      [zh ? '作出决定' : 'decided', m.decided],
      [zh ? '公布' : 'published', m.published],
      [zh ? '立案归档' : 'archived', m.archived],
      [zh ? '目录外启动' : 'outside catalogue', m.outsideCatalogue.length],
    );
    console.log(dec.toString());
    if (r.cleanups.length) {
      const cl = table(
        zh ? ['清理活动', '截止日期', '总数', '继续有效', '修改', '废止'] : ['Clean-up', 'cut-off', 'total', 'continue', 'amend', 'repeal'],
      );
      for (const c of r.cleanups) cl.push([c.name, c.cutoffDate, c.total, c.continued, c.amended, c.repealed]);
      console.log(cl.toString());
    }
    const issues = [...d.nonCompliant, ...m.nonCompliant];
    if (issues.length) {
      const nc = table(zh ? ['不规范案件', '承办单位', '原因'] : ['Case', 'department', 'reasons']);
      for (const i of issues) nc.push([i.title, i.department, i.reasons.map((x) => `${x.step}：${x.message}`).join('\n')]);
      console.log(nc.toString());
    }
    if (r.rules.length) {
      const rules = table(zh ? ['适用程序', '程序版本', '适用规则', '案件数'] : ['Procedure', 'version', 'rules', 'cases']);
      for (const x of r.rules) {
        rules.push([
          x.procedureLabel,
          zh ? `第 ${x.procedureVersion} 版` : x.procedureVersion,
          x.rulebooks.map((e) => e.name).join('\n'),
          x.cases,
        ]);
      }
      console.log(rules.toString());
    }
    console.log(zh ? `当前逾期环节：${r.overdueNow}` : `Overdue now: ${r.overdueNow}`);
  } finally {
    await app.close();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
