import type { CaseEntity } from '../cases/case.entity';
import type { CasePartyEntity } from '../cases/case-party.entity';
import type { TrackCaseFacts } from './tracks/track-policy';

/**
 * The facts a track policy reads, taken from what the case already records. Facts only the track
 * intake collects (when the worker learned of the infringement, households on the owners' side)
 * are absent here and the policies treat them as unknown.
 */
export function factsOf(c: CaseEntity, parties: CasePartyEntity[]): TrackCaseFacts {
  const reasons = (c.riskReasons ?? []).map((r) => r.code);
  return {
    category: c.category,
    subcategory: c.subcategory,
    parties: parties.map((p) => ({ role: p.role, kind: p.kind, idType: p.idType })),
    flags: { domesticViolence: c.subcategory === 'domestic_violence' || reasons.some((r) => r.includes('violence')) },
    workerCount: c.track === 'labor' ? parties.filter((p) => p.role === 'applicant' && p.kind === 'person').length : null,
  };
}
