import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CalendarService } from './calendar.service';
import { DeadlinesController } from './deadlines.controller';

@Module({
  imports: [AuditModule],
  controllers: [DeadlinesController],
  providers: [CalendarService],
  exports: [CalendarService],
})
export class DeadlinesModule {}
