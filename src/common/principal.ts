import type { PartnerKind, StaffRole } from '../auth/roles';

/** Who is calling: a signed-in staff member or a partner system holding an API key. */
export type Principal = StaffPrincipal | PartnerPrincipal;

export interface StaffPrincipal {
  type: 'staff';
  id: string;
  username: string;
  displayName: string;
  roles: StaffRole[];
  orgUnitId: string;
  /** Materialized path of the user's unit: the user sees rows whose unit path starts with it. */
  orgUnitPath: string;
}

export interface PartnerPrincipal {
  type: 'partner';
  id: string;
  keyId: string;
  keyPrefix: string;
  name: string;
  kind: PartnerKind;
  orgUnitId: string;
  orgUnitPath: string;
}

export const actorLabel = (p: Principal): string => (p.type === 'staff' ? `${p.displayName}(${p.username})` : `${p.name}[${p.keyPrefix}]`);
