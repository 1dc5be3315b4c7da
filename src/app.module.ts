import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { DataSource } from 'typeorm';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CommonModule } from './common/common.module';
import { ProblemFilter } from './common/errors/problem.filter';
import { ProblemsController } from './common/errors/problems.controller';
import { createValidationPipe } from './common/http/validation';
import { loggerParams } from './common/logging';
import { AppConfig } from './config/app-config';
import { dataSourceOptions } from './database/data-source-options';
import { runMigrations } from './database/migrate';
import { HealthModule } from './health/health.module';
import { OrgUnitsModule } from './org-units/org-units.module';
import { CasesModule } from './cases/cases.module';
import { NotificationsModule } from './notifications/notifications.module';
import { TriageModule } from './triage/triage.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { DeadlinesModule } from './deadlines/deadlines.module';
import { CourtModule } from './court/court.module';
import { PoliceModule } from './police/police.module';
import { MediationModule } from './mediation/mediation.module';
import { PetitionsModule } from './petitions/petitions.module';
import { ReportsModule } from './reports/reports.module';

@Module({})
export class AppModule {
  /** The whole application for a validated configuration whose DATABASE_URL and REDIS_URL are resolved. */
  static forRoot(config: AppConfig, options: { logStream?: DestinationStream } = {}): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        LoggerModule.forRoot(loggerParams(config, options.logStream)),
        TypeOrmModule.forRootAsync({
          useFactory: () => ({
            ...dataSourceOptions(config.DATABASE_URL!, { poolSize: config.DATABASE_POOL_SIZE, applicationName: `tiaojie-${config.APP_ROLE}` }),
            // The launcher has already checked the server answers; retrying would only hide a real fault.
            retryAttempts: config.NODE_ENV === 'test' ? 0 : 3,
            retryDelay: 2000,
          }),
          // Migrations run before any provider touches the database, in every role.
          dataSourceFactory: async (options) => {
            const ds = await new DataSource(options!).initialize();
            await runMigrations(ds);
            return ds;
          },
        }),
        CommonModule,
        HealthModule,
        AuditModule,
        WebhooksModule,
        OrgUnitsModule,
        AuthModule,
        TriageModule,
        CasesModule,
        NotificationsModule,
        DeadlinesModule,
        MediationModule,
        CourtModule,
        PetitionsModule,
        PoliceModule,
        ReportsModule,
      ],
      controllers: [ProblemsController],
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
      exports: [AppConfig],
    };
  }
}
