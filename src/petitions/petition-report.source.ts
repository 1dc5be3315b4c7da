import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { PetitionFigures, PetitionReportSource } from '../reports/petition-figures';
import type { Scope } from '../reports/reports.repository';

const figures = (accepted: number, answered: number, onTime: number): PetitionFigures => ({
  accepted,
  answered,
  answeredOnTime: onTime,
  onTimeRate: answered ? Math.round((onTime / answered) * 10_000) / 10_000 : null,
});

/**
 * The petitions' figures for the director's report: accepted (受理) in the period, by the day of
 * acceptance; and the 60-day handling clocks (X4, 信访工作条例 Art.34) that ended in the period,
 * answered on time = met at or before the due instant (an approved extension moves the due
 * instant, so an extended answer inside its extension is on time).
 */
@Injectable()
export class PetitionReportSourceImpl implements PetitionReportSource {
  constructor(private readonly ds: DataSource) {}

  private async rows(scope: Scope, monthly: boolean) {
    const month = (col: string) => (monthly ? `to_char(${col} AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')` : `''`);
    const accepted: Array<{ month: string; n: string }> = await this.ds.query(
      `SELECT ${monthly ? `to_char(p.accepted_on, 'YYYY-MM')` : `''`} AS month, count(*) AS n
         FROM petitions p JOIN org_units u ON u.id = p.org_unit_id
        WHERE u.path LIKE $1 AND p.accepted_on >= ($2 AT TIME ZONE 'Asia/Shanghai')::date AND p.accepted_on < ($3 AT TIME ZONE 'Asia/Shanghai')::date
        GROUP BY 1`,
      [`${scope.path}%`, scope.start, scope.end],
    );
    const answered: Array<{ month: string; n: string; on_time: string }> = await this.ds.query(
      `SELECT ${month('d.closed_at')} AS month, count(*) AS n, count(*) FILTER (WHERE d.status = 'met' AND d.closed_at <= d.due_at) AS on_time
         FROM deadlines d JOIN org_units u ON u.id = d.org_unit_id
        WHERE d.petition_id IS NOT NULL AND d.kind = 'petition_handling' AND d.status IN ('met', 'missed')
          AND u.path LIKE $1 AND d.closed_at >= $2 AND d.closed_at < $3
        GROUP BY 1`,
      [`${scope.path}%`, scope.start, scope.end],
    );
    const out = new Map<string, PetitionFigures>();
    for (const key of new Set([...accepted.map((r) => r.month), ...answered.map((r) => r.month)])) {
      const a = accepted.find((r) => r.month === key);
      const b = answered.find((r) => r.month === key);
      out.set(key, figures(Number(a?.n ?? 0), Number(b?.n ?? 0), Number(b?.on_time ?? 0)));
    }
    return out;
  }

  async summary(scope: Scope): Promise<PetitionFigures> {
    return (await this.rows(scope, false)).get('') ?? figures(0, 0, 0);
  }

  byMonth(scope: Scope): Promise<Map<string, PetitionFigures>> {
    return this.rows(scope, true);
  }
}
