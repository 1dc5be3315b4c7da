import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CasesModule } from '../cases/cases.module';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { OrgUnitsModule } from '../org-units/org-units.module';
import { MediationController } from './mediation.controller';
import { MediationService } from './mediation.service';
import { MediatorsService } from './mediators.service';

@Module({
  imports: [AuditModule, OrgUnitsModule, CasesModule, DeadlinesModule],
  controllers: [MediationController],
  providers: [MediatorsService, MediationService],
  exports: [MediatorsService, MediationService],
})
export class MediationModule {}
