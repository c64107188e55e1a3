import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/config';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source';
import { migrateUnderStartupLock } from './lock';
import { Db } from './db.service';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => dataSourceOptions(config),
      dataSourceFactory: async (options) => migrateUnderStartupLock(await new DataSource(options!).initialize()),
    }),
  ],
  providers: [Db],
  exports: [Db],
})
export class DatabaseModule {}
