import { DynamicModule, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { RequestGuardMiddleware } from './common/request-guard.middleware';
import { APP_FILTER } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { ArchiveModule } from './archive/archive.module';
import { AttachmentsModule } from './attachments/attachments.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CalendarModule } from './calendar/calendar.module';
import { CasesModule } from './cases/cases.module';
import { CatalogueModule } from './catalogue/catalogue.module';
import { CleanupModule } from './cleanup/cleanup.module';
import { ErrorFilter } from './common/error.filter';
import { ConsultationModule } from './consultation/consultation.module';
import { PapersModule } from './papers/papers.module';
import { NotificationsModule } from './notifications/notifications.module';
import { ProceduresModule } from './procedures/procedures.module';
import { ReportsModule } from './reports/reports.module';
import { SchedulerModule } from './scheduler/scheduler.module';
import { AppConfig } from './config/config';
import { DatabaseModule } from './database/database.module';
import { SeedService } from './seed/seed.service';
import { UsersModule } from './users/users.module';
import { GovernmentsModule } from './governments/governments.module';
import { FilingsModule } from './filings/filings.module';

@Module({})
export class AppModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestGuardMiddleware).forRoutes('*');
  }

  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        // rate limits, applied where a route uses ThrottlerGuard: sign-in attempts, citizens' comments and receipt look-ups;
        // by req.ip (DOCKET_TRUST_PROXY), an IPv6 client per /64 (one host's whole block), IPv4-mapped IPv6 as IPv4
        ThrottlerModule.forRoot({
          throttlers: [
            { name: 'login', ttl: 60_000, limit: config.DOCKET_LOGIN_LIMIT },
            { name: 'publicComment', ttl: 60_000, limit: 5 },
            // a citizen looking up a receipt: enough for a family, too few to guess receipts
            { name: 'receiptLookup', ttl: 60_000, limit: 20 },
          ],
          ipv6SubnetPrefix: 64,
        }),
        DatabaseModule,
        AuditModule,
        NotificationsModule,
        CalendarModule,
        CatalogueModule,
        GovernmentsModule,
        UsersModule,
        AuthModule,
        CasesModule,
        ReportsModule,
        ProceduresModule,
        ConsultationModule,
        SchedulerModule,
        ArchiveModule,
        CleanupModule,
        FilingsModule,
        PapersModule,
        AttachmentsModule,
      ],
      providers: [{ provide: AppConfig, useValue: config }, { provide: APP_FILTER, useClass: ErrorFilter }, SeedService],
      exports: [AppConfig],
    };
  }
}
