import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { OrgUnitsModule } from '../org-units/org-units.module';
import { TriageModule } from '../triage/triage.module';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';
import { CaseConsequences } from './case-consequences';
import { CaseEvents } from './case-events';

@Module({
  imports: [AuditModule, OrgUnitsModule, TriageModule, DeadlinesModule],
  controllers: [CasesController],
  providers: [CasesService, CaseConsequences, CaseEvents],
  exports: [CasesService, CaseEvents],
})
export class CasesModule {}
