import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OPEN_STATUSES } from '../cases/case-status';
import { DEADLINE_KINDS } from '../deadlines/deadline-kinds';
import { scopePattern } from '../org-units/org-units.service';
import { MEDIATION_OUTCOMES } from './report-labels';

/**
 * The report SQL, and the only place in the module that writes any. Every figure comes from a
 * handful of set-based statements over a scope (the unit's materialized path prefix) and a
 * half-open instant range; nothing is read per case. See the ReportIndexes migration for the
 * indexes these statements rely on.
 */

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/**
 * A case's mediation is concluded when the case carries an outcome and is not back in mediation:
 * a follow-up visit that finds a relapse reopens the case (in_mediation) without clearing the
 * earlier outcome, and the next outcome overwrites it. mediation_outcome and concluded_at are
 * decision.mediation's outcome and its decidedAt (failure, withdrawal, refusal) or effectiveAt
 * (an agreement concludes when it takes effect), copied by a trigger (migration
 * CaseReportFacts) so that a period's cases are read from cases_registered_at_idx alone.
 */
const OUTCOME = `CASE WHEN c.status NOT IN ('in_mediation', 'suspended') AND c.mediation_outcome IN (${list(MEDIATION_OUTCOMES)}) THEN c.mediation_outcome END`;
/** Registration to conclusion in days (float8: extract() would give numeric, several times slower to sort). */
const days = (alias: string) => `date_part('epoch', ${alias}.concluded_at - ${alias}.registered_at) / 86400`;
const OPEN = list(OPEN_STATUSES);

/** The period's cases in the scope. */
const COHORT_FROM = `
    FROM cases c
    JOIN org_units u ON u.id = c.org_unit_id
   WHERE u.path LIKE $1 AND c.registered_at >= $2 AND c.registered_at < $3`;

/**
 * One row per case of the period with what the counts need, the outcome computed once per case
 * (OFFSET 0 keeps the planner from inlining it into every FILTER below). The court filing join
 * is at most one row per case (court_filings_one_open_idx: one filing the court has not
 * returned), so it never duplicates a case.
 */
const COHORT = `
  SELECT c.category, c.channel, c.track, c.status, c.risk_level, c.registered_at, c.concluded_at, u.level, ${OUTCOME} AS outcome, f.id IS NOT NULL AS litigated
    FROM cases c
    JOIN org_units u ON u.id = c.org_unit_id
    LEFT JOIN court_filings f ON f.case_id = c.id AND f.status <> 'returned'
   WHERE u.path LIKE $1 AND c.registered_at >= $2 AND c.registered_at < $3
  OFFSET 0`;

/** Counts of concluded cases by outcome, by level and sent to court, over a group of COHORT rows. */
const OUTCOME_COUNTS = `
  count(*) FILTER (WHERE outcome = 'agreement')::int AS agreement,
  count(*) FILTER (WHERE outcome = 'failed')::int AS failed,
  count(*) FILTER (WHERE outcome = 'withdrawn')::int AS withdrawn,
  count(*) FILTER (WHERE outcome = 'consent_refused')::int AS consent_refused,
  count(*) FILTER (WHERE outcome IS NOT NULL AND litigated)::int AS litigated`;

export interface Scope {
  /** The unit's materialized path: the scope is this unit and every unit below it. */
  path: string;
  start: Date;
  end: Date;
}

/** The period's cases grouped by every dimension at once: a few thousand rows at most. */
export interface CohortGroupRow {
  category: string | null;
  channel: string;
  track: string | null;
  status: string;
  riskLevel: string;
  level: string;
  n: number;
  agreement: number;
  failed: number;
  withdrawn: number;
  consent_refused: number;
  litigated: number;
}

export interface Durations {
  n: number;
  p50: number | null;
  p90: number | null;
}

export interface DeadlineKindRow {
  kind: string;
  label: string;
  onTime: number;
  late: number;
  pastDueNow: number;
}

export interface ActivityFigures {
  deadlines: DeadlineKindRow[];
  overdueCasesNow: number;
  ratings: Array<{ rating: number; n: number }>;
  visits: number;
  relapses: number;
}

export interface MonthCohortRow {
  month: string;
  registered: number;
  concluded: number;
  agreements: number;
  referredToCourt: number;
  village: number;
  town: number;
  county: number;
  p50: number | null;
  p90: number | null;
}

export interface MonthActivityRow {
  month: string;
  onTime: number;
  late: number;
  visits: number;
  ratingSum: number;
  ratings: number;
}

@Injectable()
export class ReportsRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * The period's cases counted by category, channel, track, status, risk and the level of their
   * unit together, with the concluded ones by outcome and litigation: one hash aggregate over
   * plain columns (the planner knows their distinct counts), the marginals summed by the caller.
   */
  async cohort(scope: Scope): Promise<CohortGroupRow[]> {
    return this.aggregate(
      `SELECT category, channel, track, status, risk_level AS "riskLevel", level, count(*)::int AS n, ${OUTCOME_COUNTS}
         FROM (${COHORT}) t
        GROUP BY category, channel, track, status, risk_level, level`,
      [scopePattern(scope.path), scope.start, scope.end],
    );
  }

  /** Registration to conclusion in days over the period's concluded cases: median and 90th percentile. */
  async durations(scope: Scope): Promise<Durations> {
    const [row] = await this.aggregate<Durations>(
      `SELECT count(*)::int AS n, percentile_cont(0.5) WITHIN GROUP (ORDER BY days) AS p50, percentile_cont(0.9) WITHIN GROUP (ORDER BY days) AS p90
         FROM (SELECT ${days('c')} AS days ${COHORT_FROM} AND ${OUTCOME} IS NOT NULL) d
        WHERE days IS NOT NULL`,
      [scopePattern(scope.path), scope.start, scope.end],
    );
    return row;
  }

  /**
   * What happened in the period whatever the registration date: case deadlines closed (met or
   * missed) by kind, the case clocks running past their due time now, open cases marked overdue
   * now, and follow-up visits made. Petition clocks (case_id null) are the petitions figures'.
   */
  async activity(scope: Scope, now: Date): Promise<ActivityFigures> {
    const [row] = await this.aggregate<ActivityFigures & { visitRows: Array<{ rating: number | null; n: number; relapses: number }> }>(
      `WITH scope AS (SELECT id FROM org_units WHERE path LIKE $1),
       closed AS (
         SELECT d.kind, NULL::varchar AS label,
                count(*) FILTER (WHERE d.status = 'met' AND d.closed_at <= d.due_at)::int AS "onTime",
                count(*) FILTER (WHERE d.status = 'missed' OR d.closed_at > d.due_at)::int AS late
           FROM deadlines d JOIN scope s ON s.id = d.org_unit_id
          WHERE d.case_id IS NOT NULL AND d.status IN ('met', 'missed') AND d.closed_at >= $2 AND d.closed_at < $3
          GROUP BY d.kind
       ),
       running AS (
         SELECT d.kind, max(d.label) AS label, count(*)::int AS n
           FROM deadlines d JOIN scope s ON s.id = d.org_unit_id
          WHERE d.case_id IS NOT NULL AND d.status = 'pending' AND d.due_at <= $4
          GROUP BY d.kind
       ),
       kinds AS (
         SELECT coalesce(k.kind, r.kind) AS kind, coalesce(k.label, r.label) AS label, coalesce(k."onTime", 0) AS "onTime", coalesce(k.late, 0) AS late, coalesce(r.n, 0) AS "pastDueNow"
           FROM closed k FULL JOIN running r ON r.kind = k.kind
       ),
       overdue AS (
         SELECT count(*)::int AS n FROM (
           -- cases_open_overdue_idx: its predicate is exactly this WHERE (see CaseReportFacts).
           SELECT c.id FROM cases c JOIN scope s ON s.id = c.org_unit_id WHERE c.overdue AND c.status IN (${OPEN})
           UNION
           SELECT d.case_id FROM deadlines d JOIN scope s ON s.id = d.org_unit_id
            WHERE d.case_id IS NOT NULL AND d.status = 'pending' AND d.due_at <= $4
              AND EXISTS (SELECT 1 FROM cases c WHERE c.id = d.case_id AND c.status IN (${OPEN}))
         ) o
       ),
       visits AS (
         SELECT f.satisfaction AS rating, count(*)::int AS n, count(*) FILTER (WHERE f.relapse)::int AS relapses
           FROM follow_up_visits f JOIN scope s ON s.id = f.org_unit_id
          WHERE f.status = 'done' AND f.visited_at >= $2 AND f.visited_at < $3
          GROUP BY f.satisfaction
       )
       SELECT (SELECT coalesce(json_agg(kinds ORDER BY kind), '[]') FROM kinds) AS deadlines,
              (SELECT n FROM overdue) AS "overdueCasesNow",
              (SELECT coalesce(json_agg(visits), '[]') FROM visits) AS "visitRows"`,
      [scopePattern(scope.path), scope.start, scope.end, now],
    );
    // The label comes from the catalogue, not the rows: reading it would take the closed clocks
    // off deadlines_closed_idx (an index-only scan) and onto the heap, one fetch per clock.
    for (const d of row.deadlines) d.label = (DEADLINE_KINDS as Record<string, { label: string } | undefined>)[d.kind]?.label ?? d.label ?? d.kind;
    // One pass over the visits, grouped by rating (null: not rated); the totals are summed here.
    const { visitRows, ...figures } = row;
    return {
      ...figures,
      ratings: visitRows.filter((v) => v.rating !== null).map((v) => ({ rating: v.rating!, n: v.n })).sort((a, b) => a.rating - b.rating),
      visits: visitRows.reduce((t, v) => t + v.n, 0),
      relapses: visitRows.reduce((t, v) => t + v.relapses, 0),
    };
  }

  /** The cohort's headline figures per calendar month of registration (Asia/Shanghai). */
  async cohortByMonth(scope: Scope): Promise<MonthCohortRow[]> {
    return this.aggregate(
      // One pass over the period's index entries; the month is labelled after grouping (to_char
      // once per month, not once per case).
      `SELECT to_char(month, 'YYYY-MM') AS month, registered, concluded, agreements, "referredToCourt", village, town, county, p50, p90
         FROM (SELECT date_trunc('month', registered_at AT TIME ZONE 'Asia/Shanghai') AS month,
                      count(*)::int AS registered,
                      count(outcome)::int AS concluded,
                      count(*) FILTER (WHERE outcome = 'agreement')::int AS agreements,
                      count(*) FILTER (WHERE outcome IS NOT NULL AND litigated)::int AS "referredToCourt",
                      count(outcome) FILTER (WHERE level = 'village')::int AS village,
                      count(outcome) FILTER (WHERE level = 'town')::int AS town,
                      count(outcome) FILTER (WHERE level = 'county')::int AS county,
                      percentile_cont(0.5) WITHIN GROUP (ORDER BY ${days('t')}) FILTER (WHERE outcome IS NOT NULL AND concluded_at IS NOT NULL) AS p50,
                      percentile_cont(0.9) WITHIN GROUP (ORDER BY ${days('t')}) FILTER (WHERE outcome IS NOT NULL AND concluded_at IS NOT NULL) AS p90
                 FROM (${COHORT}) t
                GROUP BY 1) m`,
      [scopePattern(scope.path), scope.start, scope.end],
    );
  }

  /** Case deadlines closed and follow-up visits made, per calendar month in which they happened. */
  async activityByMonth(scope: Scope): Promise<MonthActivityRow[]> {
    // Two statements run side by side (one per table); months are labelled after grouping.
    const params = [scopePattern(scope.path), scope.start, scope.end];
    const [deadlines, visits] = await Promise.all([
      this.aggregate<{ month: string; onTime: number; late: number }>(
        `SELECT to_char(month, 'YYYY-MM') AS month, "onTime", late
           FROM (SELECT date_trunc('month', d.closed_at AT TIME ZONE 'Asia/Shanghai') AS month,
                        count(*) FILTER (WHERE d.status = 'met' AND d.closed_at <= d.due_at)::int AS "onTime",
                        count(*) FILTER (WHERE d.status = 'missed' OR d.closed_at > d.due_at)::int AS late
                   FROM deadlines d JOIN org_units u ON u.id = d.org_unit_id
                  WHERE u.path LIKE $1 AND d.case_id IS NOT NULL AND d.status IN ('met', 'missed') AND d.closed_at >= $2 AND d.closed_at < $3
                  GROUP BY 1) m`,
        params,
      ),
      this.aggregate<{ month: string; visits: number; ratingSum: number; ratings: number }>(
        `SELECT to_char(month, 'YYYY-MM') AS month, visits, "ratingSum", ratings
           FROM (SELECT date_trunc('month', f.visited_at AT TIME ZONE 'Asia/Shanghai') AS month,
                        count(*)::int AS visits, coalesce(sum(f.satisfaction), 0)::int AS "ratingSum", count(f.satisfaction)::int AS ratings
                   FROM follow_up_visits f JOIN org_units u ON u.id = f.org_unit_id
                  WHERE u.path LIKE $1 AND f.status = 'done' AND f.visited_at >= $2 AND f.visited_at < $3
                  GROUP BY 1) m`,
        params,
      ),
    ]);
    const months = [...new Set([...deadlines.map((d) => d.month), ...visits.map((v) => v.month)])].sort();
    return months.map((month) => {
      const d = deadlines.find((r) => r.month === month);
      const v = visits.find((r) => r.month === month);
      return { month, onTime: d?.onTime ?? 0, late: d?.late ?? 0, visits: v?.visits ?? 0, ratingSum: v?.ratingSum ?? 0, ratings: v?.ratings ?? 0 };
    });
  }

  /**
   * A report statement reads hundreds of thousands of index entries for a county's year. Two
   * settings for it alone, in its own read-only transaction: work_mem large enough that the
   * percentiles sort and the groupings hash in memory (the default 4 MB spilled them to disk),
   * and no JIT (compiling the expressions cost ~35 ms a statement and saved less).
   */
  private async aggregate<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.ds.transaction('READ COMMITTED', async (m) => {
      await m.query(`SELECT set_config('work_mem', '64MB', true), set_config('jit', 'off', true), set_config('transaction_read_only', 'on', true)`);
      return m.query(sql, params) as Promise<T[]>;
    });
  }

  // ---- what the case export adds to a page of the case list: one statement per page, never per case

  /** Applicants' and respondents' names (names only: no identifiers, phones or addresses). */
  async partyNames(caseIds: string[]): Promise<Array<{ caseId: string; role: string; name: string }>> {
    if (!caseIds.length) return [];
    return this.ds.query(
      `SELECT case_id AS "caseId", role, name FROM case_parties WHERE case_id = ANY($1::uuid[]) AND role IN ('applicant', 'respondent') ORDER BY case_id, position`,
      [caseIds],
    );
  }

  async unitsByIds(ids: string[]): Promise<Array<{ id: string; code: string; name: string; level: string }>> {
    if (!ids.length) return [];
    return this.ds.query(`SELECT id, code, name, level FROM org_units WHERE id = ANY($1::uuid[])`, [ids]);
  }
}
