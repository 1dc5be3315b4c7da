export { creditCodeCheckChar, validateCreditCode } from './credit-code';
export type { CreditCodeResult } from './credit-code';
export { maskMobile, normaliseMobile } from './mobile';
export { maskResidentId, residentIdCheckChar, validateResidentId } from './resident-id';
export type { ResidentIdResult } from './resident-id';
