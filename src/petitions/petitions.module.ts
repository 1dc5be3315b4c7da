import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CasesModule } from '../cases/cases.module';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { OrgUnitsModule } from '../org-units/org-units.module';
import { PetitionWorkflowController } from './petition-workflow.controller';
import { PetitionWorkflowService } from './petition-workflow.service';
import { PetitionsController } from './petitions.controller';
import { PetitionsService } from './petitions.service';
import { PetitionReportSourceImpl } from './petition-report.source';
import { PETITION_REPORT_SOURCE } from '../reports/petition-figures';

/** 信访: petitions under 信访工作条例 (2022), their clocks, repeats, 领导包案 and 信访转调解. */
@Module({
  imports: [AuditModule, OrgUnitsModule, CasesModule, DeadlinesModule],
  controllers: [PetitionsController, PetitionWorkflowController],
  providers: [PetitionsService, PetitionWorkflowService, PetitionReportSourceImpl, { provide: PETITION_REPORT_SOURCE, useExisting: PetitionReportSourceImpl }],
  exports: [PetitionsService, PETITION_REPORT_SOURCE],
})
export class PetitionsModule {}
