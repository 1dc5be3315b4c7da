import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { ListCasesQueryDto } from '../../cases/dto/case.dto';
import { ORG_LEVELS, OrgLevel } from '../../org-units/org-unit.entity';
import { CivilDate } from '../../common/http/text-fields';
import { MEDIATION_OUTCOMES, MediationOutcome } from '../report-labels';

// ---- queries ------------------------------------------------------------------------------

export class ReportQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: '统计单位（含下级）；默认为本人所在单位 (the unit, with every unit below it; default: your own unit)' })
  @IsOptional()
  @IsUUID()
  orgUnitId?: string;

  @ApiProperty({ example: '2026-01-01', description: '开始日期（北京时间，含当日） (first day, Asia/Shanghai, included)' })
  @CivilDate()
  from: string;

  @ApiProperty({ example: '2026-12-31', description: '结束日期（北京时间，含当日；时段最长 1830 天） (last day, included; at most 1830 days)' })
  @CivilDate()
  to: string;
}

/** The case list's filters, without paging: an export is the whole list, newest first. */
export class ExportCasesQueryDto extends OmitType(ListCasesQueryDto, ['limit', 'cursor'] as const) {}

// ---- building blocks ----------------------------------------------------------------------

export class ReportUnitDto {
  @ApiProperty({ format: 'uuid', example: '0b5e8f0e-6d0a-4c43-9a43-3f1c0c2a9d11' })
  id: string;
  @ApiProperty({ example: '330102001' })
  code: string;
  @ApiProperty({ example: '清波街道' })
  name: string;
  @ApiProperty({ enum: ORG_LEVELS, example: 'town' })
  level: OrgLevel;
}

export class ReportPeriodDto {
  @ApiProperty({ example: '2026-01-01' })
  from: string;
  @ApiProperty({ example: '2026-12-31' })
  to: string;
  @ApiProperty({ example: 'Asia/Shanghai' })
  timeZone: string;
}

export class CountDto {
  @ApiProperty({ type: String, nullable: true, example: 'labor', description: 'The code; null for cases not yet triaged (no category or track)' })
  key: string | null;
  @ApiProperty({ example: '劳动争议' })
  label: string;
  @ApiProperty({ example: 42 })
  count: number;
}

export class OutcomeCountDto {
  @ApiProperty({ enum: MEDIATION_OUTCOMES, example: 'agreement' })
  outcome: MediationOutcome;
  @ApiProperty({ example: '达成协议' })
  label: string;
  @ApiProperty({ example: 95 })
  count: number;
}

export class ResolutionLevelDto {
  @ApiProperty({ enum: ORG_LEVELS, example: 'village' })
  level: OrgLevel;
  @ApiProperty({ example: '村（社区）' })
  label: string;
  @ApiProperty({ example: 70, description: 'Concluded mediations held by a unit of this level' })
  concluded: number;
  @ApiProperty({ example: 58, description: 'Of which ended in an agreement' })
  agreements: number;
  @ApiProperty({ type: Number, nullable: true, example: 0.6195, description: 'concluded ÷ all concluded' })
  share: number | null;
}

export class ConcludedDto {
  @ApiProperty({ example: 113, description: 'Cases of the period whose mediation has concluded (agreement, failed, withdrawn, consent refused) and that are not back in mediation' })
  total: number;
  @ApiProperty({ example: 95 })
  agreements: number;
  @ApiProperty({ type: Number, nullable: true, example: 0.8407, description: '调解成功率: agreements ÷ concluded mediations' })
  successRate: number | null;
  @ApiProperty({ type: [OutcomeCountDto] })
  byOutcome: OutcomeCountDto[];
  @ApiProperty({ type: [ResolutionLevelDto], description: '小事不出村、大事不出镇: where concluded cases were held, by the level of their unit' })
  byLevel: ResolutionLevelDto[];
}

export class DurationDto {
  @ApiProperty({ example: 113, description: 'Concluded cases measured' })
  cases: number;
  @ApiProperty({ type: Number, nullable: true, example: 9.5, description: 'Median days from registration to conclusion (one decimal)' })
  medianDays: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 27.3, description: '90th percentile, interpolated (percentile_cont)' })
  p90Days: number | null;
}

export class LitigationDto {
  @ApiProperty({ example: 113 })
  concluded: number;
  @ApiProperty({ example: 6, description: 'Concluded cases sent to a court (诉调对接 filing the court has not returned)' })
  referredToCourt: number;
  @ApiProperty({ example: 107 })
  withoutLitigation: number;
  @ApiProperty({ type: Number, nullable: true, example: 0.9469, description: 'withoutLitigation ÷ concluded' })
  withoutLitigationRate: number | null;
}

export class DeadlineKindFiguresDto {
  @ApiProperty({ example: 'people_mediation' })
  kind: string;
  @ApiProperty({ example: '人民调解调结期限' })
  label: string;
  @ApiProperty({ example: 88, description: 'Met at or before the due time, closed in the period' })
  onTime: number;
  @ApiProperty({ example: 4, description: 'Missed, or met after the due time, closed in the period' })
  late: number;
  @ApiProperty({ type: Number, nullable: true, example: 0.9565 })
  onTimeRate: number | null;
  @ApiProperty({ example: 1, description: 'Running now past the due time' })
  pastDueNow: number;
}

export class DeadlineFiguresDto {
  @ApiProperty({ example: 230 })
  onTime: number;
  @ApiProperty({ example: 9 })
  late: number;
  @ApiProperty({ type: Number, nullable: true, example: 0.9623 })
  onTimeRate: number | null;
  @ApiProperty({ type: [DeadlineKindFiguresDto] })
  byKind: DeadlineKindFiguresDto[];
  @ApiProperty({ example: 3, description: 'Open cases overdue now (marked overdue, or a clock running past due), whatever their registration date' })
  overdueCasesNow: number;
}

export class RatingCountDto {
  @ApiProperty({ example: 5, minimum: 1, maximum: 5 })
  rating: number;
  @ApiProperty({ example: 40 })
  count: number;
}

export class SatisfactionDto {
  @ApiProperty({ example: 64, description: 'Follow-up visits (回访) made in the period' })
  visits: number;
  @ApiProperty({ example: 60, description: 'Of which with a rating' })
  ratings: number;
  @ApiProperty({ type: Number, nullable: true, example: 4.35, description: 'Mean rating, 1 to 5 (two decimals)' })
  average: number | null;
  @ApiProperty({ type: [RatingCountDto], description: 'Ratings 1 to 5, each listed' })
  distribution: RatingCountDto[];
  @ApiProperty({ example: 2, description: 'Visits that found the dispute flaring up again or the agreement not kept' })
  relapses: number;
}

export class PetitionFiguresDto {
  @ApiProperty({ example: 12 })
  accepted: number;
  @ApiProperty({ example: 10 })
  answered: number;
  @ApiProperty({ example: 9 })
  answeredOnTime: number;
  @ApiProperty({ type: Number, nullable: true, example: 0.9 })
  onTimeRate: number | null;
}

// ---- the summary --------------------------------------------------------------------------

export class ReportSummaryDto {
  @ApiProperty({ type: ReportUnitDto })
  orgUnit: ReportUnitDto;
  @ApiProperty({ type: ReportPeriodDto })
  period: ReportPeriodDto;
  @ApiProperty({ example: '2026-11-23T09:30:00.000+08:00' })
  generatedAt: string;
  @ApiProperty({ example: 180, description: 'Cases registered in the period by the unit or any unit below it' })
  registered: number;
  @ApiProperty({ type: [CountDto] })
  byCategory: CountDto[];
  @ApiProperty({ type: [CountDto] })
  byChannel: CountDto[];
  @ApiProperty({ type: [CountDto] })
  byTrack: CountDto[];
  @ApiProperty({ type: [CountDto], description: 'Status now of the cases registered in the period' })
  byStatus: CountDto[];
  @ApiProperty({ type: [CountDto] })
  byRiskLevel: CountDto[];
  @ApiProperty({ type: ConcludedDto })
  concluded: ConcludedDto;
  @ApiProperty({ type: DurationDto })
  daysToConclusion: DurationDto;
  @ApiProperty({ type: LitigationDto })
  litigation: LitigationDto;
  @ApiProperty({ type: DeadlineFiguresDto, description: 'Case deadlines closed in the period (whatever the case\'s registration date) and overdue now' })
  deadlines: DeadlineFiguresDto;
  @ApiProperty({ type: SatisfactionDto })
  satisfaction: SatisfactionDto;
  @ApiProperty({ type: PetitionFiguresDto, nullable: true, description: '信访: null until the petitions module contributes its figures' })
  petitions: PetitionFiguresDto | null;
}

// ---- the trend ----------------------------------------------------------------------------

export class LevelCountsDto {
  @ApiProperty({ example: 6 })
  village: number;
  @ApiProperty({ example: 3 })
  town: number;
  @ApiProperty({ example: 1 })
  county: number;
}

export class TrendMonthDto {
  @ApiProperty({ example: '2026-03' })
  month: string;
  @ApiProperty({ example: '2026-03-01', description: 'The month clipped to the period' })
  from: string;
  @ApiProperty({ example: '2026-03-31' })
  to: string;
  @ApiProperty({ example: 15 })
  registered: number;
  @ApiProperty({ example: 10 })
  concluded: number;
  @ApiProperty({ example: 8 })
  agreements: number;
  @ApiProperty({ type: Number, nullable: true, example: 0.8 })
  successRate: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 8.5 })
  medianDays: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 21.2 })
  p90Days: number | null;
  @ApiProperty({ type: LevelCountsDto, description: 'Concluded cases by the level of the unit holding them' })
  resolvedAt: LevelCountsDto;
  @ApiProperty({ example: 1 })
  referredToCourt: number;
  @ApiProperty({ type: Number, nullable: true, example: 0.9 })
  withoutLitigationRate: number | null;
  @ApiProperty({ example: 20, description: 'Case deadlines met on time, closed this month' })
  deadlinesOnTime: number;
  @ApiProperty({ example: 1 })
  deadlinesLate: number;
  @ApiProperty({ type: Number, nullable: true, example: 0.9524 })
  onTimeRate: number | null;
  @ApiProperty({ example: 6, description: 'Follow-up visits made this month' })
  visits: number;
  @ApiProperty({ type: Number, nullable: true, example: 4.5 })
  averageSatisfaction: number | null;
  @ApiProperty({ type: PetitionFiguresDto, nullable: true })
  petitions: PetitionFiguresDto | null;
}

export class ReportTrendDto {
  @ApiProperty({ type: ReportUnitDto })
  orgUnit: ReportUnitDto;
  @ApiProperty({ type: ReportPeriodDto })
  period: ReportPeriodDto;
  @ApiProperty({ example: '2026-11-23T09:30:00.000+08:00' })
  generatedAt: string;
  @ApiProperty({ type: [TrendMonthDto], description: 'Every calendar month of the period, oldest first, months without cases included' })
  months: TrendMonthDto[];
}
