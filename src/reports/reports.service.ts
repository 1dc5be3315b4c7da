import { Inject, Injectable, Optional } from '@nestjs/common';
import type { Principal } from '../common/principal';
import { Clock } from '../common/time/clock';
import { toIso } from '../common/time/iso';
import { OrgUnitEntity } from '../org-units/org-unit.entity';
import { OrgUnitsService } from '../org-units/org-units.service';
import type { CountDto, DeadlineKindFiguresDto, ReportQueryDto, ReportSummaryDto, ReportTrendDto, ReportUnitDto, TrendMonthDto } from './dto/report.dto';
import { days, mean, rate } from './figures';
import { PETITION_REPORT_SOURCE, PetitionReportSource } from './petition-figures';
import { DimensionName, DIMENSIONS, LEVEL_LABELS, MEDIATION_OUTCOMES, ORG_LEVELS, OUTCOME_LABELS } from './report-labels';
import { monthsOf, ReportPeriod, reportPeriod } from './report-period';
import { CohortGroupRow, ReportsRepository, Scope } from './reports.repository';

const RATINGS = [1, 2, 3, 4, 5];

/**
 * 评价督导: the director's figures for a unit and everything below it over a period. Definitions
 * (every figure is over the scope: the unit and the units below it):
 * - counts by category, channel, track, status and risk: cases registered in the period;
 * - concluded: those cases whose mediation has ended in an agreement, a failure, a withdrawal or
 *   a refusal to mediate, and that are not back in mediation; the level is that of the unit
 *   holding the case now (小事不出村、大事不出镇);
 * - success rate: agreements ÷ concluded; days: registration to the outcome (an agreement's
 *   effect, else the decision), median and 90th percentile;
 * - without litigation: concluded cases with no court filing the court has not returned;
 * - deadlines: case clocks closed in the period (met or missed), on time = met at or before due;
 * - satisfaction: follow-up visits made in the period.
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly repo: ReportsRepository,
    private readonly units: OrgUnitsService,
    private readonly clock: Clock,
    @Optional() @Inject(PETITION_REPORT_SOURCE) private readonly petitions?: PetitionReportSource,
  ) {}

  /** Checks the period first (no query for a bad request), then the unit against the caller's scope. */
  async resolve(principal: Principal, q: ReportQueryDto): Promise<{ unit: OrgUnitEntity; period: ReportPeriod; scope: Scope }> {
    const period = reportPeriod(q.from, q.to);
    const unit = await this.units.getInScope(principal, q.orgUnitId ?? principal.orgUnitId);
    return { unit, period, scope: { path: unit.path, start: period.start, end: period.end } };
  }

  async summary(principal: Principal, q: ReportQueryDto): Promise<ReportSummaryDto> {
    const { unit, period, scope } = await this.resolve(principal, q);
    const now = this.clock.now();
    const [groups, durations, activity, petitions] = await Promise.all([
      this.repo.cohort(scope),
      this.repo.durations(scope),
      this.repo.activity(scope, now),
      this.petitions ? this.petitions.summary(scope) : Promise.resolve(null),
    ]);
    const sum = (rows: CohortGroupRow[], pick: (r: CohortGroupRow) => number) => rows.reduce((s, r) => s + pick(r), 0);
    const concludedOf = (r: CohortGroupRow) => r.agreement + r.failed + r.withdrawn + r.consent_refused;
    const total = sum(groups, (r) => r.n);
    const concluded = sum(groups, concludedOf);
    const agreements = sum(groups, (r) => r.agreement);
    const referredToCourt = sum(groups, (r) => r.litigated);

    const byKind: DeadlineKindFiguresDto[] = activity.deadlines.map((d) => ({ ...d, onTimeRate: rate(d.onTime, d.onTime + d.late) }));
    const onTime = byKind.reduce((s, d) => s + d.onTime, 0);
    const late = byKind.reduce((s, d) => s + d.late, 0);
    const ratings = RATINGS.map((rating) => ({ rating, count: activity.ratings.find((r) => r.rating === rating)?.n ?? 0 }));
    const rated = ratings.reduce((s, r) => s + r.count, 0);

    return {
      orgUnit: unitOf(unit),
      period: { from: period.from, to: period.to, timeZone: 'Asia/Shanghai' },
      generatedAt: toIso(now),
      registered: total,
      byCategory: counts(groups, 'category'),
      byChannel: counts(groups, 'channel'),
      byTrack: counts(groups, 'track'),
      byStatus: counts(groups, 'status'),
      byRiskLevel: counts(groups, 'riskLevel'),
      concluded: {
        total: concluded,
        agreements,
        successRate: rate(agreements, concluded),
        byOutcome: MEDIATION_OUTCOMES.map((outcome) => ({ outcome, label: OUTCOME_LABELS[outcome], count: sum(groups, (r) => r[outcome]) })),
        byLevel: [...ORG_LEVELS].reverse().map((level) => {
          const rows = groups.filter((r) => r.level === level);
          return { level, label: LEVEL_LABELS[level], concluded: sum(rows, concludedOf), agreements: sum(rows, (r) => r.agreement), share: rate(sum(rows, concludedOf), concluded) };
        }),
      },
      daysToConclusion: { cases: durations.n, medianDays: days(durations.p50), p90Days: days(durations.p90) },
      litigation: { concluded, referredToCourt, withoutLitigation: concluded - referredToCourt, withoutLitigationRate: rate(concluded - referredToCourt, concluded) },
      deadlines: { onTime, late, onTimeRate: rate(onTime, onTime + late), byKind, overdueCasesNow: activity.overdueCasesNow },
      satisfaction: {
        visits: activity.visits,
        ratings: rated,
        average: mean(ratings.reduce((s, r) => s + r.rating * r.count, 0), rated),
        distribution: ratings,
        relapses: activity.relapses,
      },
      petitions,
    };
  }

  async trend(principal: Principal, q: ReportQueryDto): Promise<ReportTrendDto> {
    const { unit, period, scope } = await this.resolve(principal, q);
    const now = this.clock.now();
    const [cohort, activity, petitions] = await Promise.all([
      this.repo.cohortByMonth(scope),
      this.repo.activityByMonth(scope),
      this.petitions ? this.petitions.byMonth(scope) : Promise.resolve(null),
    ]);
    const months: TrendMonthDto[] = monthsOf(period).map(({ month, from, to }) => {
      const c = cohort.find((r) => r.month === month);
      const a = activity.find((r) => r.month === month);
      const concluded = c?.concluded ?? 0;
      const agreements = c?.agreements ?? 0;
      const referredToCourt = c?.referredToCourt ?? 0;
      const onTime = a?.onTime ?? 0;
      const late = a?.late ?? 0;
      return {
        month,
        from,
        to,
        registered: c?.registered ?? 0,
        concluded,
        agreements,
        successRate: rate(agreements, concluded),
        medianDays: days(c?.p50),
        p90Days: days(c?.p90),
        resolvedAt: { village: c?.village ?? 0, town: c?.town ?? 0, county: c?.county ?? 0 },
        referredToCourt,
        withoutLitigationRate: rate(concluded - referredToCourt, concluded),
        deadlinesOnTime: onTime,
        deadlinesLate: late,
        onTimeRate: rate(onTime, onTime + late),
        visits: a?.visits ?? 0,
        averageSatisfaction: mean(a?.ratingSum ?? 0, a?.ratings ?? 0),
        petitions: petitions ? (petitions.get(month) ?? { accepted: 0, answered: 0, answeredOnTime: 0, onTimeRate: null }) : null,
      };
    });
    return { orgUnit: unitOf(unit), period: { from: period.from, to: period.to, timeZone: 'Asia/Shanghai' }, generatedAt: toIso(now), months };
  }
}

function unitOf(u: OrgUnitEntity): ReportUnitDto {
  return { id: u.id, code: u.code, name: u.name, level: u.level };
}

/** Every known key with its count (zeros included), then cases without a value, then any unknown key. */
function counts(groups: CohortGroupRow[], dim: DimensionName): CountDto[] {
  const d = DIMENSIONS[dim];
  const byKey = new Map<string | null, number>();
  for (const g of groups) byKey.set(g[dim], (byKey.get(g[dim]) ?? 0) + g.n);
  const known = d.keys as readonly string[];
  const out: CountDto[] = known.map((key) => ({ key, label: d.label(key), count: byKey.get(key) ?? 0 }));
  for (const [key, count] of byKey) if (key === null || !known.includes(key)) out.push({ key, label: d.label(key), count });
  return out;
}
