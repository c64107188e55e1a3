import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { AppConfig } from '../config/config';
import { Db } from '../database/db.service';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { resolveTokenSecret, TOKEN_SECRET } from './token-secret';

@Module({
  imports: [JwtModule.register({}), UsersModule],
  controllers: [AuthController],
  providers: [
    AuthService,
    { provide: TOKEN_SECRET, inject: [AppConfig, Db], useFactory: resolveTokenSecret },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
})
export class AuthModule {}
