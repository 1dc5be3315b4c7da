import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CasesModule } from '../cases/cases.module';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { OrgUnitsModule } from '../org-units/org-units.module';
import { FollowUpsController } from './follow-ups.controller';
import { FollowUpsService } from './follow-ups.service';
import { MediationController } from './mediation.controller';
import { MediationService } from './mediation.service';
import { MediatorsService } from './mediators.service';
import { OutcomesController } from './outcomes.controller';
import { OutcomesService } from './outcomes.service';
import { SessionsController } from './sessions.controller';
import { SessionsService } from './sessions.service';

@Module({
  imports: [AuditModule, OrgUnitsModule, CasesModule, DeadlinesModule],
  controllers: [MediationController, OutcomesController, FollowUpsController, SessionsController],
  providers: [MediatorsService, MediationService, OutcomesService, FollowUpsService, SessionsService],
  exports: [MediatorsService, MediationService, FollowUpsService],
})
export class MediationModule {}
