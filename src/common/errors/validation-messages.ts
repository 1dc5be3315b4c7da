import { getMetadataStorage, ValidationError } from 'class-validator';
import { FieldError } from './domain-error';
import { renderTemplate } from './error-catalog';
import type { Lang } from '../http/language';

/**
 * Per-field messages for class-validator's constraints in both languages. A clerk typing a
 * Chinese name must read why the form was refused in Chinese; an integration engineer gets the
 * same `code` with English text.
 */
const MESSAGES: Record<string, { zh: string; en: string }> = {
  isDefined: { zh: '必填', en: 'is required' },
  isNotEmpty: { zh: '不能为空', en: 'must not be empty' },
  isString: { zh: '应为字符串', en: 'must be a string' },
  isInt: { zh: '应为整数', en: 'must be an integer' },
  isNumber: { zh: '应为数字', en: 'must be a number' },
  isBoolean: { zh: '应为 true 或 false', en: 'must be true or false' },
  isUUID: { zh: '应为 UUID', en: 'must be a UUID' },
  isArray: { zh: '应为数组', en: 'must be an array' },
  isObject: { zh: '应为对象', en: 'must be an object' },
  isIn: { zh: '应为以下值之一：{0}', en: 'must be one of: {0}' },
  isEnum: { zh: '应为以下值之一：{0}', en: 'must be one of: {0}' },
  minLength: { zh: '至少 {0} 个字符', en: 'must be at least {0} characters' },
  maxLength: { zh: '最多 {0} 个字符', en: 'must be at most {0} characters' },
  length: { zh: '长度应在 {0} 到 {1} 个字符之间', en: 'must be {0} to {1} characters long' },
  min: { zh: '不能小于 {0}', en: 'must not be less than {0}' },
  max: { zh: '不能大于 {0}', en: 'must not be greater than {0}' },
  matches: { zh: '格式不正确', en: 'has the wrong format' },
  isISO8601: { zh: '应为 ISO 8601 时间，如 2026-11-23T09:30:00+08:00', en: 'must be an ISO 8601 time such as 2026-11-23T09:30:00+08:00' },
  isCivilDate: { zh: '应为公历日期 YYYY-MM-DD，如 2026-01-01', en: 'must be a calendar date YYYY-MM-DD such as 2026-01-01' },
  arrayMinSize: { zh: '至少 {0} 项', en: 'must have at least {0} item(s)' },
  arrayMaxSize: { zh: '最多 {0} 项', en: 'must have at most {0} item(s)' },
  arrayUnique: { zh: '不能有重复项', en: 'must not contain duplicates' },
  whitelistValidation: { zh: '不是可接受的字段', en: 'is not an accepted field' },
  nestedValidation: { zh: '应为对象', en: 'must be an object' },
  'webhookUrl.invalid': { zh: '应为完整的 http(s) 地址，如 https://example.gov.cn/webhooks', en: 'must be an absolute http(s) URL such as https://example.gov.cn/webhooks' },
  'webhookUrl.https_required': { zh: '须使用 https', en: 'must use https' },
  'webhookUrl.credentials': { zh: '地址中不能包含用户名或密码', en: 'must not contain a username or password' },
  'webhookUrl.private_address': { zh: '指向内网、本机或保留地址（{address}），不允许推送', en: 'points to a private, loopback or reserved address ({address})' },
  'webhookUrl.unresolvable': { zh: '域名 {host} 无法解析', en: 'the host {host} cannot be resolved' },
  'callbackUrl.no_endpoint': { zh: '本单位尚未配置 Webhook 推送地址，请先联系管理员配置', en: 'your organisation has no webhook endpoint; ask an administrator to set one first' },
  'callbackUrl.origin_mismatch': { zh: '须与推送地址同源（{origin}）', en: 'must have the same origin as your webhook endpoint ({origin})' },
};

function constraintParams(target: object | undefined, property: string, name: string): unknown[] {
  if (!target) return [];
  const metas = getMetadataStorage().getTargetValidationMetadatas(target.constructor, '', true, false);
  const meta = metas.find((m) => m.propertyName === property && (m.name === name || m.type === name));
  return meta?.constraints ?? [];
}

/** Flattens class-validator's error tree into dotted paths (`parties[0].name`) with codes and parameters. */
export function toFieldErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const field = prefix ? (/^\d+$/.test(e.property) ? `${prefix}[${e.property}]` : `${prefix}.${e.property}`) : e.property;
    for (const [code, fallback] of Object.entries(e.constraints ?? {})) {
      const args = constraintParams(e.target, e.property, code);
      const params: Record<string, unknown> = { fallback };
      args.forEach((a, i) => (params[String(i)] = Array.isArray(a) ? a.join(', ') : typeof a === 'object' && a ? Object.values(a).join(', ') : a));
      out.push({ field, code, params });
    }
    if (e.children?.length) out.push(...toFieldErrors(e.children, field));
  }
  return out;
}

export function fieldMessage(error: FieldError, lang: Lang): string {
  const template = MESSAGES[error.code];
  const params = error.params ?? {};
  if (template) return renderTemplate(template[lang], params);
  if (typeof params.message === 'string') return params.message;
  return lang === 'en' && typeof params.fallback === 'string' ? params.fallback : lang === 'zh' ? '取值无效' : 'is invalid';
}
