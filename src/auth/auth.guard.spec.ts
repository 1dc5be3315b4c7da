import type { PartnerPrincipal, StaffPrincipal } from '../common/principal';
import { permitted } from './auth.guard';
import type { AccessRule } from './access.decorator';

const staff = (...roles: StaffPrincipal['roles']): StaffPrincipal => ({
  type: 'staff', id: 'u', username: 'wangfang', displayName: '王芳', roles, orgUnitId: 'x', orgUnitPath: '/x/',
});
const partner = (kind: PartnerPrincipal['kind']): PartnerPrincipal => ({
  type: 'partner', id: 'p', keyId: 'k', keyPrefix: 'tjk_00000000', name: '上城区人民法院', kind, orgUnitId: 'x', orgUnitPath: '/x/',
});

describe('permitted', () => {
  it.each<[string, StaffPrincipal | PartnerPrincipal, AccessRule, boolean]>([
    ['any staff on a default route', staff('mediator'), {}, true],
    ['partner on a default route', partner('court'), {}, false],
    ['admin on an admin route', staff('admin'), { roles: ['admin'] }, true],
    ['mediator on an admin route', staff('mediator'), { roles: ['admin'] }, false],
    ['one of several roles', staff('mediator', 'director'), { roles: ['director'] }, true],
    ['court on a court route', partner('court'), { partners: ['court'] }, true],
    ['police on a court route', partner('police'), { partners: ['court'] }, false],
    ['staff on a partner-only route', staff('admin'), { staff: false, partners: ['court'] }, false],
    ['staff on a mixed route', staff('intake_clerk'), { partners: ['court'] }, true],
  ])('%s → %s', (_, principal, rule, expected) => {
    expect(permitted(principal, rule)).toBe(expected);
  });
});
