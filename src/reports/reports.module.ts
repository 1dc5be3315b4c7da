import { Module } from '@nestjs/common';
import { PetitionsModule } from '../petitions/petitions.module';
import { AuditModule } from '../audit/audit.module';
import { CasesModule } from '../cases/cases.module';
import { OrgUnitsModule } from '../org-units/org-units.module';
import { CaseExportService } from './case-export.service';
import { ReportsController } from './reports.controller';
import { ReportsRepository } from './reports.repository';
import { ReportsService } from './reports.service';

/**
 * 评价督导: statistics and exports. Reads other modules' tables only through SQL aggregates in
 * ReportsRepository (never their repositories), and the case list through CasesService, so the
 * export filters exactly as GET /v1/cases does. The petitions figures plug in through
 * PETITION_REPORT_SOURCE (petition-figures.ts).
 */
@Module({
  imports: [AuditModule, CasesModule, OrgUnitsModule, PetitionsModule],
  controllers: [ReportsController],
  providers: [ReportsService, ReportsRepository, CaseExportService],
})
export class ReportsModule {}
