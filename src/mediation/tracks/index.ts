/**
 * Registry of track policies: one per track of the taxonomy (triage/taxonomy.ts). The `satisfies`
 * clause makes a new track in TRACKS a compile error here until it has a policy.
 */
import { Category, isCategory, trackOfCategory, Track, TRACKS } from '../../triage/taxonomy';
import { familyPolicy } from './family';
import { generalPolicy } from './general';
import { laborPolicy } from './labor';
import { propertyPolicy } from './property';
import { TrackPolicy } from './track-policy';

export const TRACK_POLICIES: Readonly<Record<Track, TrackPolicy>> = Object.freeze({
  family: familyPolicy,
  labor: laborPolicy,
  property: propertyPolicy,
  general: generalPolicy,
} satisfies Record<Track, TrackPolicy>);

/** The policy of a track; throws RangeError on an unknown track (a stored value from elsewhere). */
export function policyFor(track: Track): TrackPolicy {
  if (typeof track !== 'string' || !(TRACKS as readonly string[]).includes(track)) {
    throw new RangeError(`Unknown track: ${JSON.stringify(track)}`);
  }
  return TRACK_POLICIES[track];
}

/** The policy of the track a category belongs to. */
export function policyForCategory(category: Category): TrackPolicy {
  if (!isCategory(category)) throw new RangeError(`Unknown category: ${JSON.stringify(category)}`);
  return policyFor(trackOfCategory(category));
}

export * from './track-policy';
export { familyPolicy, hasDomesticViolence } from './family';
export { generalPolicy, isMedical, MEDICAL_SUBCATEGORIES } from './general';
export { laborPolicy, PAYMENT_ORDER_KINDS } from './labor';
export { propertyPolicy } from './property';
