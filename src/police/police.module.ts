import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CasesModule } from '../cases/cases.module';
import { PoliceController } from './police.controller';
import { PoliceService } from './police.service';

/** 警调对接: transfers from police stations, their feedback, and red-risk alarms to the stations. */
@Module({
  imports: [AuditModule, CasesModule],
  controllers: [PoliceController],
  providers: [PoliceService],
})
export class PoliceModule {}
