import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { CasesModule } from '../cases/cases.module';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { CourtFilingsController } from './court-filings.controller';
import { CourtFilingsService } from './court-filings.service';
import { CourtReferralsController } from './court-referrals.controller';
import { CourtReferralsService } from './court-referrals.service';
import { JudicialConfirmationsController } from './judicial-confirmations.controller';
import { JudicialConfirmationsService } from './judicial-confirmations.service';

/** 诉调对接: referrals from courts, referrals to courts, and judicial confirmation of agreements. */
@Module({
  imports: [AuditModule, AuthModule, CasesModule, DeadlinesModule],
  controllers: [CourtReferralsController, CourtFilingsController, JudicialConfirmationsController],
  providers: [CourtReferralsService, CourtFilingsService, JudicialConfirmationsService],
})
export class CourtModule {}
