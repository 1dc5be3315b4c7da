export { parsePiiKey, PiiCipher, PiiTokenError } from './pii-crypto';
export type { PiiKeyring, PiiTokenErrorReason } from './pii-crypto';
export { ID_NUMBER_TYPES, normaliseIdNumber } from './normalise';
export type { IdNumberResult, IdNumberType } from './normalise';
export { maskAddress, maskIdNumber, maskMobile } from './mask';
export { idNumberMessage, protectIdentifiers } from './person-identifiers';
export type { IdentifierCipher, PersonIdentifiersInput, ProtectedIdentifiers } from './person-identifiers';
