import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { OrgUnitsModule } from '../org-units/org-units.module';
import { DeadlinesService } from './deadlines.service';
import { CalendarService } from './calendar.service';
import { DeadlinesController } from './deadlines.controller';
import { DeadlineScheduler } from './deadline-scheduler';
import { DeadlineEffectsService } from './deadline-effects.service';
import { DeadlineWorker } from './deadline-worker';

@Module({
  imports: [AuditModule, OrgUnitsModule],
  controllers: [DeadlinesController],
  providers: [CalendarService, DeadlinesService, DeadlineScheduler, DeadlineEffectsService, DeadlineWorker],
  exports: [CalendarService, DeadlinesService, DeadlineScheduler, DeadlineEffectsService, DeadlineWorker],
})
export class DeadlinesModule {}
