import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule, type JwtModuleOptions } from '@nestjs/jwt';
import { AppConfig } from '../config/config';
import { Db } from '../database/db.service';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { resolveTokenSecret } from './token-secret';

@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [AppConfig, Db],
      useFactory: async (config: AppConfig, db: Db): Promise<JwtModuleOptions> => {
        // one key object for the life of the process: handed the secret as a string, jsonwebtoken
        // would build one on every request, after first trying (and failing) to read it as a public key
        const key = createSecretKey(Buffer.from(await resolveTokenSecret(config, db)));
        return { secretOrKeyProvider: () => key, signOptions: { algorithm: 'HS256' }, verifyOptions: { algorithms: ['HS256'] } };
      },
    }),
    UsersModule,
  ],
  controllers: [AuthController],
  providers: [AuthService, { provide: APP_GUARD, useClass: AuthGuard }],
})
export class AuthModule {}
