import type { FieldError } from '../errors/domain-error';
import { normaliseMobile } from '../identifiers/mobile';
import { maskAddress, maskIdNumber, maskMobile } from './mask';
import { IdNumberType, normaliseIdNumber } from './normalise';

export interface PersonIdentifiersInput {
  idType?: IdNumberType;
  idNumber?: string;
  mobile?: string;
  address?: string;
}

/** What is stored for a person's identifiers: ciphertexts, blind indexes and the masked forms. */
export interface ProtectedIdentifiers {
  idType: IdNumberType | null;
  idNumberEnc: string | null;
  idNumberIndex: string | null;
  idNumberMasked: string | null;
  idWarning: string | null;
  mobileEnc: string | null;
  mobileIndex: string | null;
  mobileMasked: string | null;
  addressEnc: string | null;
  addressMasked: string | null;
}

/** The part of PiiService this needs (kept structural so the function stays pure and testable). */
export interface IdentifierCipher {
  encrypt(plaintext: string, context: string): string;
  blindIndex(kind: string, normalised: string): string;
}

/**
 * Takes a person's ID number, mobile and address in the way every module must: checked (GB 11643 /
 * GB 32100 / passport patterns, mainland mobile), encrypted under `context` (the cipher binds it,
 * so a value cannot be moved to another column), blind-indexed by the identifier's kind, the same
 * for a case party and a petitioner, so one person is found across cases and petitions, and
 * masked for responses. Errors name `${path}.idNumber` / `${path}.mobile`, so a clerk fixes the
 * whole form in one round.
 *
 * The same rules as CasesService.buildParties (which predates this and can move onto it).
 */
export function protectIdentifiers(
  cipher: IdentifierCipher,
  input: PersonIdentifiersInput,
  options: { path: string; context: string; today: string; defaultIdType: IdNumberType },
): { value: ProtectedIdentifiers; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const value: ProtectedIdentifiers = {
    idType: null, idNumberEnc: null, idNumberIndex: null, idNumberMasked: null, idWarning: null,
    mobileEnc: null, mobileIndex: null, mobileMasked: null, addressEnc: null, addressMasked: null,
  };
  if (input.idNumber) {
    const type = input.idType ?? options.defaultIdType;
    const checked = normaliseIdNumber(type, input.idNumber, options.today);
    if (!checked.ok) {
      errors.push({ field: `${options.path}.idNumber`, code: `${type}.${checked.reason}`, params: { message: idNumberMessage(type, checked.reason) } });
    } else {
      value.idType = type;
      value.idNumberEnc = cipher.encrypt(checked.value, `${options.context}.id_number`);
      value.idNumberIndex = cipher.blindIndex(type, checked.value);
      value.idNumberMasked = maskIdNumber(type, checked.value);
      value.idWarning = checked.warning ? `${type}_${checked.warning}` : null;
    }
  } else if (input.idType) {
    errors.push({ field: `${options.path}.idNumber`, code: 'isNotEmpty', params: {} });
  }
  if (input.mobile) {
    const mobile = normaliseMobile(input.mobile);
    if (!mobile) {
      errors.push({ field: `${options.path}.mobile`, code: 'mobile.format', params: { message: '应为 11 位大陆手机号码，如 13812345678' } });
    } else {
      value.mobileEnc = cipher.encrypt(mobile, `${options.context}.mobile`);
      value.mobileIndex = cipher.blindIndex('mobile', mobile);
      value.mobileMasked = maskMobile(mobile);
    }
  }
  if (input.address) {
    value.addressEnc = cipher.encrypt(input.address, `${options.context}.address`);
    value.addressMasked = maskAddress(input.address);
  }
  return { value, errors };
}

export function idNumberMessage(type: string, reason: string): string {
  const zh: Record<string, string> = {
    'resident_id.checksum': '身份证号码校验位不正确',
    'resident_id.birth_date': '身份证号码中的出生日期无效',
    'resident_id.format': '身份证号码应为 18 位',
    'credit_code.format': '统一社会信用代码格式不正确（18 位，不含 I、O、Z、S、V）',
  };
  return zh[`${type}.${reason}`] ?? '证件号码格式不正确';
}
