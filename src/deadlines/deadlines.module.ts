import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { OrgUnitsModule } from '../org-units/org-units.module';
import { DeadlinesService } from './deadlines.service';
import { CalendarService } from './calendar.service';
import { DeadlinesController } from './deadlines.controller';

@Module({
  imports: [AuditModule, OrgUnitsModule],
  controllers: [DeadlinesController],
  providers: [CalendarService, DeadlinesService],
  exports: [CalendarService, DeadlinesService],
})
export class DeadlinesModule {}
