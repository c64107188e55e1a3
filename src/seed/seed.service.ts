import { FilingsService } from '../filings/filings.service';
import { GovernmentsService } from '../governments/governments.service';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { Role } from '../../workflows';
import type { Principal } from '../auth/principal';
import { CaseCommands } from '../cases/cases.commands';
import { AppConfig } from '../config/config';
import { Db } from '../database/db.service';
import { CalendarService } from '../calendar/calendar.service';
import { CatalogueService } from '../catalogue/catalogue.service';
import { CleanupService } from '../cleanup/cleanup.service';
import { DeadlinesService } from '../scheduler/deadlines.service';
import { UsersService } from '../users/users.service';
import { NotificationEntity } from '../notifications/notification.entity';
import { OutboxEntity } from '../notifications/outbox.entity';
import { CaseEntity } from '../cases/case.entity';
import { passwordProblem } from '../users/password-policy';
import { DEMO_DEPARTMENTS, DEMO_GOVERNMENTS, DEMO_OTHER_DEPARTMENTS, DEMO_USERS, runDemo } from './demo';

/** A random password that meets the password rule for every demo username. */
function demoPassword(): string {
  for (let i = 0; i < 1000; i++) {
    const p = randomBytes(9).toString('base64url');
    if (DEMO_USERS.every((u) => !passwordProblem(p, u.username))) return p;
  }
  throw new Error('could not draw a demo password');
}

/**
 * At start. On an empty database: the admin from DOCKET_ADMIN_PASSWORD, and with DOCKET_SEED=demo
 * the county's departments, a user per role and its 2023, driven through the real procedures.
 * Then the deadline job, once, so time limits that passed while Docket was stopped are caught up.
 */
@Injectable()
export class SeedService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Seed');

  constructor(
    private readonly config: AppConfig,
    private readonly users: UsersService,
    private readonly cases: CaseCommands,
    private readonly db: Db,
    private readonly deadlines: DeadlinesService,
    private readonly catalogue: CatalogueService,
    private readonly cleanup: CleanupService,
    private readonly calendar: CalendarService,
    private readonly governments: GovernmentsService,
    private readonly filings: FilingsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const empty = (await this.users.isEmpty()) && (await this.db.read((m) => m.count(CaseEntity))) === 0;
    if (empty && this.config.DOCKET_ADMIN_PASSWORD) {
      await this.users.create({
        username: 'admin',
        password: this.config.DOCKET_ADMIN_PASSWORD,
        displayName: '系统管理员',
        roles: ['admin'],
      });
    }
    if (empty && this.config.DOCKET_SEED === 'demo') {
      await this.seedDemo();
      // the demo's past is history, not news: no one is told of what happened in 2023 (nor is it delivered)
      await this.db.transaction(async (m) => {
        await m.clear(OutboxEntity);
        await m.clear(NotificationEntity);
      });
      // the demo shows its overdue case marked (and its holders told) from the first page
      await this.deadlines.run();
      return;
    }
    // catch up on time limits that passed while Docket was stopped: after any seeding, without delaying serving
    this.deadlines.runInBackground();
  }

  private async seedDemo(): Promise<void> {
    for (const { id, ...g } of DEMO_GOVERNMENTS) await this.governments.save(id, g);
    for (const d of DEMO_DEPARTMENTS) await this.users.saveDepartment(d);
    for (const d of DEMO_OTHER_DEPARTMENTS) await this.users.saveDepartment(d);
    const password = process.env.DOCKET_DEMO_PASSWORD || demoPassword();
    const made = new Map<string, Principal>();
    // an admin made from DOCKET_ADMIN_PASSWORD keeps that password
    const demoUsers = DEMO_USERS.filter((u) => !(u.username === 'admin' && this.config.DOCKET_ADMIN_PASSWORD));
    for (const u of demoUsers) {
      made.set(u.username, await this.users.create({ ...u, roles: u.roles as Role[], password }));
    }
    await runDemo({
      cases: this.cases,
      filings: this.filings,
      catalogue: this.catalogue,
      cleanup: this.cleanup,
      calendar: await this.calendar.calendar(),
      user: (username) => made.get(username)!,
    });
    const lines = demoUsers.map((u) => `  ${u.username.padEnd(14)} ${u.displayName}`).join('\n');
    // printed once, on the boot that creates them
    console.log(`\nDocket 演示数据已生成。演示账号（密码均为 ${password}）：\n${lines}\n`);
    this.logger.log('demo data seeded');
  }
}
