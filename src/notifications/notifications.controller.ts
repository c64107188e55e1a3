import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { Language } from '../../workflows';
import { CurrentUser, Principal } from '../auth/principal';
import { Lang } from '../common/language';
import { QueryInt } from '../common/validation';
import { NotificationList, UnreadCount } from './notifications.response';
import { NotificationsService } from './notifications.service';

export class NotificationsQuery {
  @IsOptional() @QueryInt(1, 10_000) page?: number;
  @IsOptional() @QueryInt(1, 100) pageSize?: number;
  /** `true`: only the unread ones */
  @IsOptional() @IsIn(['true', 'false']) unread?: 'true' | 'false';
}

/** The signed-in user's notifications (the bell): each leads to its case. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  list(@CurrentUser() user: Principal, @Query() q: NotificationsQuery, @Lang() lang: Language): Promise<NotificationList> {
    return this.notifications.list(user.id, q, lang);
  }

  /** Just the unread count, for the bell to poll. */
  @Get('unread')
  unread(@CurrentUser() user: Principal): Promise<UnreadCount> {
    return this.notifications.unread(user.id);
  }

  @Post('read-all')
  @HttpCode(200)
  readAll(@CurrentUser() user: Principal): Promise<UnreadCount> {
    return this.notifications.markAllRead(user.id);
  }

  @Post(':id/read')
  @HttpCode(200)
  read(@CurrentUser() user: Principal, @Param('id') id: string): Promise<UnreadCount> {
    return this.notifications.markRead(user.id, id);
  }
}
