import type { CaseEntity } from '../cases/case.entity';
import type { CasePartyEntity } from '../cases/case-party.entity';
import type { TrackCaseFacts } from './tracks/track-policy';

/**
 * The facts a track policy reads: what the case records, with the track facts the mediator
 * entered taking precedence. Facts nobody entered are unknown, and the policies say so.
 */
export function factsOf(c: CaseEntity, parties: CasePartyEntity[]): TrackCaseFacts {
  const reasons = (c.riskReasons ?? []).map((r) => r.code);
  const f = c.trackFacts ?? {};
  return {
    category: c.category,
    subcategory: c.subcategory,
    parties: parties.map((p) => ({ role: p.role, kind: p.kind, idType: p.idType })),
    flags: {
      domesticViolence: f.domesticViolence ?? (c.subcategory === 'domestic_violence' || reasons.some((r) => r.includes('violence'))),
      minorsInvolved: f.minorsInvolved ?? false,
    },
    workerCount: f.workerCount ?? (c.track === 'labor' ? parties.filter((p) => p.role === 'applicant' && p.kind === 'person').length : null),
    knewOfInfringementOn: f.knewOfInfringementOn ?? null,
    employmentEnded: f.employmentEnded ?? null,
    households: f.households ?? null,
  };
}
