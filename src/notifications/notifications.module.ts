import { Global, Module } from '@nestjs/common';
import { Mailer } from './mailer';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { OutboxWorker } from './outbox.worker';
import { Webhook } from './webhook';

@Global()
@Module({
  controllers: [NotificationsController],
  providers: [NotificationsService, Webhook, Mailer, OutboxWorker],
  exports: [NotificationsService],
})
export class NotificationsModule {}
