import type { Scope } from './reports.repository';

/**
 * EXTENSION POINT for the petitions (信访) figures of issue 8: "petitions accepted and answered
 * on time". The reports module does not know the petitions tables; the petitions module
 * contributes its figures by providing PETITION_REPORT_SOURCE, e.g. in PetitionsModule:
 *
 *   providers: [PetitionReportSource, { provide: PETITION_REPORT_SOURCE, useExisting: PetitionReportSource }],
 *   exports: [PETITION_REPORT_SOURCE],
 *
 * and ReportsModule importing PetitionsModule. Until then `petitions` is null in the summary and
 * in every month of the trend, and the exports leave the section out. Scope it like the other
 * figures: the unit's path prefix and the half-open instant range [start, end).
 */
export const PETITION_REPORT_SOURCE = Symbol('PETITION_REPORT_SOURCE');

export interface PetitionFigures {
  /** Petitions accepted (受理) in the period. */
  accepted: number;
  /** Of those answered in the period, how many were answered (出具处理意见) within their time limit. */
  answered: number;
  answeredOnTime: number;
  onTimeRate: number | null;
}

export interface PetitionReportSource {
  summary(scope: Scope): Promise<PetitionFigures>;
  /** Keyed by calendar month in Asia/Shanghai, 'YYYY-MM'; months without petitions may be absent. */
  byMonth(scope: Scope): Promise<Map<string, PetitionFigures>>;
}
