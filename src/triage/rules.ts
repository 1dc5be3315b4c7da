import { CATEGORY_CODES, Category, isCategory, isSubcategoryOf, isVulnerableFlag, Subcategory, VULNERABLE_FLAG_CODES, VulnerableFlag } from './taxonomy';

/**
 * The triage rules are data, not code: an admin replaces them through the API (each save is a new
 * version, see triage.service.ts), so everything here must survive a JSON round trip and be
 * checked by `validateRules` before it is stored.
 */

/** Most severe first; the order is used to pick the overall level. */
export const RISK_LEVELS = ['red', 'orange', 'yellow', 'blue'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/**
 * Facts about a case, other than its text, that a risk rule can react to. The numbers they are
 * compared with live in `RiskThresholds`, so a county can tune them without touching the rules.
 */
export const RISK_SIGNALS = [
  /** one side has at least `collectivePartyCount` parties, or the text names that many people */
  'collective_size',
  /** a party (not an agent) carries a vulnerable flag (optionally only `vulnerableFlags`) */
  'vulnerable_party',
  /** at least `repeatVisitCount` earlier visits about the same matter */
  'repeat_visit',
  /** amount ≥ `largeAmountFen` */
  'large_amount',
  /** amount ≥ `notableAmountFen` */
  'notable_amount',
  'prior_failed_mediation',
] as const;
export type RiskSignal = (typeof RISK_SIGNALS)[number];

export interface ClassificationRule {
  id: string;
  category: Category;
  /** Absent: the keywords point to the category but say nothing about the subcategory. */
  subcategory?: Subcategory;
  keywords: string[];
  /** 1–10, added once per matched keyword. */
  weight: number;
}

/**
 * A risk rule fires when its keywords match (and, if given, one of `alsoKeywords` too) or when its
 * signal holds. Both paths exist in one rule because the same risk shows either way: a collective
 * dispute is "12名农民工" in the text or twelve applicants on the form.
 */
export interface RiskRule {
  id: string;
  level: RiskLevel;
  /** Machine code of the reason, e.g. `collective_dispute`; unique within the rule set. */
  code: string;
  keywords?: string[];
  /** When set, a keyword alone is not enough: one of these must appear as well (家暴 + 受伤). */
  alsoKeywords?: string[];
  /** Phrases that contain a keyword without meaning it (秒杀, 砍价, 村集体). */
  except?: string[];
  signal?: RiskSignal;
  /** Narrows `vulnerable_party` to these flags. */
  vulnerableFlags?: VulnerableFlag[];
  /** Only for cases (suggested or decided) in these categories. */
  categories?: Category[];
  /**
   * Within a group only the most severe fired reason is kept, so one amount or one act of
   * violence gives one reason rather than a red and an orange saying the same thing.
   */
  group?: string;
  /** The police partner gets an event (警调对接, 人民调解法 Art.25). Only on red rules. */
  notifyPolice?: boolean;
  description: string;
}

export interface RiskThresholds {
  collectivePartyCount: number;
  repeatVisitCount: number;
  largeAmountFen: number;
  notableAmountFen: number;
}

export interface TriageRuleSet {
  classification: ClassificationRule[];
  risk: RiskRule[];
  thresholds: RiskThresholds;
}

export interface RuleError {
  path: string;
  message: string;
}

export type RulesValidation = { ok: true; rules: TriageRuleSet } | { ok: false; errors: RuleError[] };

export const RULE_LIMITS = {
  /** Per list; matching is a substring scan per keyword, and an admin screen of more is unusable. */
  maxRules: 500,
  maxKeywordsPerRule: 100,
  maxKeywordLength: 20,
  maxIdLength: 64,
  maxDescriptionLength: 300,
  /** A broken upload (say, every weight out of range) must not produce a megabyte of errors. */
  maxErrors: 100,
} as const;

/**
 * What both the text and the keywords go through before matching. Chinese has no word breaks, so
 * matching is plain substring search; NFKC folds full-width Latin letters, digits and punctuation
 * (ＡＢＣ１２，) into their half-width forms, spaces are dropped because clerks and speech input
 * insert them at random ("拖欠 工资"), and Latin is lower-cased (KTV, ktv).
 */
export function normaliseText(text: string): string {
  return text.normalize('NFKC').replace(/\s+/gu, '').toLowerCase();
}

/**
 * Short strings normalised before: rule keywords (the same few hundred are matched against every
 * case) and single characters (see normaliseWithOffsets). Bounded, so odd input cannot grow it
 * without limit; past the bound strings are simply normalised again.
 */
const normalisedShort = new Map<string, string>();
const NORMALISED_SHORT_MAX = 20_000;

/** `normaliseText` for a keyword or a character, remembered. */
export function normaliseShort(text: string): string {
  let n = normalisedShort.get(text);
  if (n === undefined) {
    n = normaliseText(text);
    if (normalisedShort.size < NORMALISED_SHORT_MAX) normalisedShort.set(text, n);
  }
  return n;
}

/**
 * `normaliseText` plus, for each character of the result, the offset in `text` it came from, so
 * that a match can be quoted in the words (and punctuation) the clerk typed. Normalising one code
 * point at a time gives the same result as `normaliseText` for the texts we get (it differs only
 * for combining sequences, which Chinese input does not produce).
 */
export function normaliseWithOffsets(text: string): { text: string; offsets: number[] } {
  let out = '';
  const offsets: number[] = [];
  let at = 0;
  for (const ch of text) {
    const n = normaliseShort(ch);
    for (let k = 0; k < n.length; k++) offsets.push(at);
    out += n;
    at += ch.length;
  }
  offsets.push(text.length);
  return { text: out, offsets };
}

/** Start offsets of every (possibly overlapping) occurrence of `needle` in `haystack`. */
export function occurrences(haystack: string, needle: string): number[] {
  const found: number[] = [];
  if (!needle) return found;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) found.push(at);
  return found;
}

// ---------------------------------------------------------------------------------------------
// Validation

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const CODE_PATTERN = /^[a-z][a-z0-9_]*$/;
const CLASSIFICATION_KEYS = new Set(['id', 'category', 'subcategory', 'keywords', 'weight']);
const RISK_KEYS = new Set(['id', 'level', 'code', 'keywords', 'alsoKeywords', 'except', 'signal', 'vulnerableFlags', 'categories', 'group', 'notifyPolice', 'description']);
const THRESHOLD_LIMITS: Record<keyof RiskThresholds, [number, number]> = {
  collectivePartyCount: [2, 1000],
  repeatVisitCount: [1, 100],
  // 1 fen to 10¹⁵ fen (10 trillion yuan): stays inside the safe-integer range of JSON numbers.
  largeAmountFen: [1, 1e15],
  notableAmountFen: [1, 1e15],
};
const ROOT_KEYS = new Set(['classification', 'risk', 'thresholds']);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

class Collector {
  readonly errors: RuleError[] = [];
  add(path: string, message: string): void {
    if (this.errors.length < RULE_LIMITS.maxErrors) this.errors.push({ path, message });
  }
}

function checkUnknownKeys(c: Collector, path: string, value: Record<string, unknown>, allowed: Set<string>): void {
  // A misspelt property ("keyword") would otherwise be dropped silently and the rule never fire.
  for (const key of Object.keys(value)) if (!allowed.has(key)) c.add(path ? `${path}.${key}` : key, 'unknown property');
}

function checkId(c: Collector, path: string, id: unknown, seen: Map<string, string>): void {
  if (typeof id !== 'string' || id.length === 0) return c.add(`${path}.id`, 'must be a non-empty string');
  if (id.length > RULE_LIMITS.maxIdLength || !ID_PATTERN.test(id)) {
    return c.add(`${path}.id`, `must be at most ${RULE_LIMITS.maxIdLength} letters, digits, '_', '.' or '-'`);
  }
  const first = seen.get(id);
  if (first !== undefined) return c.add(`${path}.id`, `duplicate id "${id}" (also ${first})`);
  seen.set(id, path);
}

function checkKeywordList(c: Collector, path: string, value: unknown, required: boolean): string[] | undefined {
  if (value === undefined && !required) return undefined;
  if (!Array.isArray(value)) {
    c.add(path, 'must be an array of keywords');
    return undefined;
  }
  if (value.length === 0) c.add(path, 'must contain at least one keyword');
  if (value.length > RULE_LIMITS.maxKeywordsPerRule) c.add(path, `must contain at most ${RULE_LIMITS.maxKeywordsPerRule} keywords`);
  const seen = new Set<string>();
  value.forEach((k: unknown, i) => {
    const at = `${path}[${i}]`;
    if (typeof k !== 'string') return c.add(at, 'must be a string');
    if (k.length === 0) return c.add(at, 'must not be empty');
    if (/\s/u.test(k)) return c.add(at, 'must not contain spaces (they are removed from the text before matching)');
    if (k.length > RULE_LIMITS.maxKeywordLength) return c.add(at, `must be at most ${RULE_LIMITS.maxKeywordLength} characters`);
    const n = normaliseText(k);
    if (seen.has(n)) return c.add(at, `duplicate keyword "${k}" in this rule`);
    seen.add(n);
  });
  return value as string[];
}

function checkClassificationRule(c: Collector, path: string, rule: unknown, ids: Map<string, string>): ClassificationRule | undefined {
  if (!isRecord(rule)) {
    c.add(path, 'must be an object');
    return undefined;
  }
  checkUnknownKeys(c, path, rule, CLASSIFICATION_KEYS);
  checkId(c, path, rule.id, ids);
  if (!isCategory(rule.category)) c.add(`${path}.category`, `unknown category; one of ${CATEGORY_CODES.join(', ')}`);
  if (rule.subcategory !== undefined && isCategory(rule.category) && !isSubcategoryOf(rule.category, rule.subcategory)) {
    c.add(`${path}.subcategory`, `not a subcategory of ${rule.category}`);
  }
  checkKeywordList(c, `${path}.keywords`, rule.keywords, true);
  if (typeof rule.weight !== 'number' || !Number.isInteger(rule.weight) || rule.weight < 1 || rule.weight > 10) {
    c.add(`${path}.weight`, 'must be an integer from 1 to 10');
  }
  const out: ClassificationRule = { id: rule.id as string, category: rule.category as Category, keywords: rule.keywords as string[], weight: rule.weight as number };
  if (rule.subcategory !== undefined) out.subcategory = rule.subcategory as Subcategory;
  return out;
}

function checkOptionalString(c: Collector, path: string, value: unknown, pattern: RegExp, hint: string): void {
  if (value === undefined) return;
  if (typeof value !== 'string' || value.length > RULE_LIMITS.maxIdLength || !pattern.test(value)) c.add(path, hint);
}

function checkRiskRule(c: Collector, path: string, rule: unknown, ids: Map<string, string>, codes: Map<string, string>): RiskRule | undefined {
  if (!isRecord(rule)) {
    c.add(path, 'must be an object');
    return undefined;
  }
  checkUnknownKeys(c, path, rule, RISK_KEYS);
  checkId(c, path, rule.id, ids);
  if (!RISK_LEVELS.includes(rule.level as RiskLevel)) c.add(`${path}.level`, `must be one of ${RISK_LEVELS.join(', ')}`);
  if (typeof rule.code !== 'string' || rule.code.length > RULE_LIMITS.maxIdLength || !CODE_PATTERN.test(rule.code)) {
    c.add(`${path}.code`, 'must be snake_case, e.g. collective_dispute');
  } else if (codes.has(rule.code)) {
    // Clients and reports key on the code; two rules with one code would be indistinguishable.
    c.add(`${path}.code`, `duplicate code "${rule.code}" (also ${codes.get(rule.code)})`);
  } else {
    codes.set(rule.code, path);
  }
  if (typeof rule.description !== 'string' || rule.description.trim().length === 0) c.add(`${path}.description`, 'must be a non-empty string');
  else if (rule.description.length > RULE_LIMITS.maxDescriptionLength) c.add(`${path}.description`, `must be at most ${RULE_LIMITS.maxDescriptionLength} characters`);

  checkKeywordList(c, `${path}.keywords`, rule.keywords, false);
  checkKeywordList(c, `${path}.alsoKeywords`, rule.alsoKeywords, false);
  checkKeywordList(c, `${path}.except`, rule.except, false);
  if (rule.keywords === undefined && rule.signal === undefined) c.add(path, 'needs keywords or a signal, or it can never fire');
  if (rule.keywords === undefined && rule.alsoKeywords !== undefined) c.add(`${path}.alsoKeywords`, 'needs keywords to go with');
  if (rule.keywords === undefined && rule.except !== undefined) c.add(`${path}.except`, 'needs keywords to go with');

  if (rule.signal !== undefined && !RISK_SIGNALS.includes(rule.signal as RiskSignal)) c.add(`${path}.signal`, `must be one of ${RISK_SIGNALS.join(', ')}`);
  if (rule.vulnerableFlags !== undefined) {
    if (rule.signal !== 'vulnerable_party') c.add(`${path}.vulnerableFlags`, 'only with signal vulnerable_party');
    if (!Array.isArray(rule.vulnerableFlags) || rule.vulnerableFlags.length === 0) c.add(`${path}.vulnerableFlags`, 'must be a non-empty array');
    else rule.vulnerableFlags.forEach((f: unknown, i) => isVulnerableFlag(f) || c.add(`${path}.vulnerableFlags[${i}]`, `unknown flag; one of ${VULNERABLE_FLAG_CODES.join(', ')}`));
  }
  if (rule.categories !== undefined) {
    if (!Array.isArray(rule.categories) || rule.categories.length === 0) c.add(`${path}.categories`, 'must be a non-empty array');
    else rule.categories.forEach((cat: unknown, i) => isCategory(cat) || c.add(`${path}.categories[${i}]`, 'unknown category'));
  }
  checkOptionalString(c, `${path}.group`, rule.group, CODE_PATTERN, 'must be snake_case');
  if (rule.notifyPolice !== undefined) {
    if (typeof rule.notifyPolice !== 'boolean') c.add(`${path}.notifyPolice`, 'must be true or false');
    // Police events are for imminent danger; an orange "collective dispute" must not page a station.
    else if (rule.notifyPolice && RISK_LEVELS.includes(rule.level as RiskLevel) && rule.level !== 'red') c.add(`${path}.notifyPolice`, 'only red rules may notify the police');
  }

  const out: RiskRule = { id: rule.id as string, level: rule.level as RiskLevel, code: rule.code as string, description: rule.description as string };
  for (const key of ['keywords', 'alsoKeywords', 'except', 'signal', 'vulnerableFlags', 'categories', 'group', 'notifyPolice'] as const) {
    if (rule[key] !== undefined) (out as unknown as Record<string, unknown>)[key] = rule[key];
  }
  return out;
}

function checkThresholds(c: Collector, value: unknown): RiskThresholds | undefined {
  if (!isRecord(value)) {
    c.add('thresholds', 'must be an object');
    return undefined;
  }
  checkUnknownKeys(c, 'thresholds', value, new Set(Object.keys(THRESHOLD_LIMITS)));
  const valid = new Set<string>();
  for (const [key, [min, max]] of Object.entries(THRESHOLD_LIMITS)) {
    const v = value[key];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) c.add(`thresholds.${key}`, `must be an integer from ${min} to ${max}`);
    else valid.add(key);
  }
  // Only compared when both are valid, so one mistake gives one error.
  if (valid.has('notableAmountFen') && valid.has('largeAmountFen') && (value.notableAmountFen as number) >= (value.largeAmountFen as number)) {
    c.add('thresholds.notableAmountFen', 'must be below largeAmountFen');
  }
  return {
    collectivePartyCount: value.collectivePartyCount as number,
    repeatVisitCount: value.repeatVisitCount as number,
    largeAmountFen: value.largeAmountFen as number,
    notableAmountFen: value.notableAmountFen as number,
  };
}

/**
 * Checks a whole rule set as an admin submitted it. All errors are reported at once (the admin
 * fixes the form in one round), with paths like `classification[3].keywords[0]`. On success the
 * rules are a fresh copy holding only the known properties.
 */
export function validateRules(input: unknown): RulesValidation {
  const c = new Collector();
  if (!isRecord(input)) return { ok: false, errors: [{ path: '', message: 'must be an object with classification, risk and thresholds' }] };
  checkUnknownKeys(c, '', input, ROOT_KEYS);
  // Ids are unique across both lists so an audit entry or an error can name a rule by id alone.
  const ids = new Map<string, string>();
  const codes = new Map<string, string>();

  const classification: ClassificationRule[] = [];
  if (!Array.isArray(input.classification)) c.add('classification', 'must be an array');
  else if (input.classification.length > RULE_LIMITS.maxRules) c.add('classification', `must hold at most ${RULE_LIMITS.maxRules} rules`);
  else input.classification.forEach((r: unknown, i) => { const out = checkClassificationRule(c, `classification[${i}]`, r, ids); if (out) classification.push(out); });

  const risk: RiskRule[] = [];
  if (!Array.isArray(input.risk)) c.add('risk', 'must be an array');
  else if (input.risk.length > RULE_LIMITS.maxRules) c.add('risk', `must hold at most ${RULE_LIMITS.maxRules} rules`);
  else input.risk.forEach((r: unknown, i) => { const out = checkRiskRule(c, `risk[${i}]`, r, ids, codes); if (out) risk.push(out); });

  const thresholds = checkThresholds(c, input.thresholds);
  if (c.errors.length > 0 || !thresholds) return { ok: false, errors: c.errors };
  return { ok: true, rules: structuredClone({ classification, risk, thresholds }) };
}

// ---------------------------------------------------------------------------------------------
// Defaults

/**
 * Weights: 9–10 a phrase that settles the category on its own (拖欠工资, 业委会); 6–8 a strong
 * pointer (物业公司, 辞退); 3–5 context that only helps (丈夫, 小区); 1–2 words shared by many
 * kinds of dispute (受伤, 赔偿金). Within a category, earlier rules win ties for the subcategory,
 * which is why domestic violence comes before divorce: it is the subcategory that triggers a
 * protection order (F2) and the police warning letter.
 */
const CLASSIFICATION: ClassificationRule[] = [
  // 劳动争议
  { id: 'labor-wage-strong', category: 'labor', subcategory: 'wage_arrears', keywords: ['欠薪', '拖欠工资', '讨薪', '欠工资', '克扣工资', '工资拖欠', '讨要工资', '结工资', '农民工工资'], weight: 9 },
  { id: 'labor-wage', category: 'labor', subcategory: 'wage_arrears', keywords: ['工资', '工钱', '包工头', '农民工', '薪水', '加班费'], weight: 5 },
  { id: 'labor-injury', category: 'labor', subcategory: 'work_injury', keywords: ['工伤', '工伤认定', '工亡', '职业病', '伤残鉴定'], weight: 9 },
  { id: 'labor-injury-weak', category: 'labor', subcategory: 'work_injury', keywords: ['受伤', '摔伤'], weight: 2 },
  { id: 'labor-termination', category: 'labor', subcategory: 'contract_termination', keywords: ['辞退', '开除', '解除劳动合同', '经济补偿', '经济补偿金', '裁员', '违法解除', '被炒'], weight: 8 },
  { id: 'labor-termination-weak', category: 'labor', subcategory: 'contract_termination', keywords: ['赔偿金'], weight: 2 },
  { id: 'labor-insurance', category: 'labor', subcategory: 'social_insurance', keywords: ['社保', '社会保险', '养老保险', '失业保险', '五险一金', '公积金'], weight: 8 },
  { id: 'labor-general', category: 'labor', keywords: ['劳动合同', '用人单位', '劳动仲裁', '劳务派遣', '试用期'], weight: 7 },
  { id: 'labor-context', category: 'labor', keywords: ['工地', '老板', '员工', '上班'], weight: 3 },

  // 物业纠纷
  { id: 'property-fee', category: 'property_management', subcategory: 'property_fee', keywords: ['物业费', '物业管理费', '拒交物业费', '催缴物业费'], weight: 9 },
  { id: 'property-committee', category: 'property_management', subcategory: 'owners_committee', keywords: ['业委会', '业主委员会', '业主大会'], weight: 9 },
  { id: 'property-repair', category: 'property_management', subcategory: 'repair_leak', keywords: ['漏水', '渗水', '维修基金', '专项维修资金', '电梯', '墙面开裂', '外墙脱落'], weight: 8 },
  { id: 'property-repair-weak', category: 'property_management', subcategory: 'repair_leak', keywords: ['发霉', '维修', '报修'], weight: 4 },
  { id: 'property-parking', category: 'property_management', subcategory: 'parking', keywords: ['停车位', '车位', '停车费', '地下车库'], weight: 8 },
  { id: 'property-service', category: 'property_management', subcategory: 'service_quality', keywords: ['保安', '保洁', '服务不到位', '门禁', '绿化', '垃圾清运'], weight: 6 },
  { id: 'property-general', category: 'property_management', keywords: ['物业公司', '物业管理', '物业', '物业服务'], weight: 6 },
  { id: 'property-context', category: 'property_management', keywords: ['业主', '小区'], weight: 3 },

  // 婚姻家庭
  { id: 'family-dv', category: 'marriage_family', subcategory: 'domestic_violence', keywords: ['家暴', '家庭暴力', '打老婆', '殴打妻子', '打老公', '人身安全保护令'], weight: 9 },
  { id: 'family-divorce', category: 'marriage_family', subcategory: 'divorce', keywords: ['离婚', '离异', '夫妻共同财产', '夫妻财产'], weight: 9 },
  { id: 'family-divorce-weak', category: 'marriage_family', subcategory: 'divorce', keywords: ['感情不和', '分居', '出轨'], weight: 5 },
  { id: 'family-custody', category: 'marriage_family', subcategory: 'custody', keywords: ['抚养', '抚养费', '抚养权', '探视', '探望权', '监护权'], weight: 9 },
  { id: 'family-elder', category: 'marriage_family', subcategory: 'elder_support', keywords: ['赡养', '赡养费', '不养老人', '养老送终'], weight: 9 },
  { id: 'family-elder-weak', category: 'marriage_family', subcategory: 'elder_support', keywords: ['老人', '父母', '子女'], weight: 3 },
  { id: 'family-spousal', category: 'marriage_family', subcategory: 'spousal_support', keywords: ['扶养', '扶养费'], weight: 9 },
  { id: 'family-inheritance', category: 'marriage_family', subcategory: 'inheritance', keywords: ['继承', '遗产', '遗嘱', '分家产'], weight: 9 },
  { id: 'family-general', category: 'marriage_family', keywords: ['彩礼', '婚姻', '婚前财产', '婚约'], weight: 7 },
  { id: 'family-context', category: 'marriage_family', keywords: ['丈夫', '妻子', '老公', '老婆', '夫妻', '婆婆', '儿媳', '公婆'], weight: 3 },

  // 邻里纠纷
  { id: 'neighbour-noise', category: 'neighbour', subcategory: 'noise', keywords: ['噪音', '噪声', '扰民', '装修', '广场舞'], weight: 8 },
  { id: 'neighbour-light', category: 'neighbour', subcategory: 'light_ventilation', keywords: ['采光', '通风', '日照', '遮挡'], weight: 8 },
  { id: 'neighbour-passage', category: 'neighbour', subcategory: 'passage', keywords: ['占道', '通行', '堵路', '过道', '楼道堆放'], weight: 7 },
  { id: 'neighbour-boundary-strong', category: 'neighbour', subcategory: 'boundary', keywords: ['宅基地边界', '相邻关系', '相邻权'], weight: 9 },
  { id: 'neighbour-boundary', category: 'neighbour', subcategory: 'boundary', keywords: ['滴水', '围墙', '加盖', '违建', '私搭乱建'], weight: 7 },
  { id: 'neighbour-pets', category: 'neighbour', subcategory: 'pets', keywords: ['宠物', '养狗', '狗咬', '遛狗', '犬只'], weight: 8 },
  { id: 'neighbour-general', category: 'neighbour', keywords: ['邻居', '邻里', '相邻', '隔壁', '对门'], weight: 5 },
  // Below the `medium` bar on their own: "从楼上跳下去" is about a roof, not a neighbour.
  { id: 'neighbour-context', category: 'neighbour', keywords: ['楼上', '楼下'], weight: 4 },

  // 医疗纠纷
  { id: 'medical-injury', category: 'medical', subcategory: 'treatment_injury', keywords: ['医疗事故', '医疗损害', '手术', '医疗纠纷', '医疗过错', '术后'], weight: 8 },
  { id: 'medical-misdiagnosis', category: 'medical', subcategory: 'misdiagnosis', keywords: ['误诊', '漏诊'], weight: 9 },
  { id: 'medical-fee', category: 'medical', subcategory: 'medical_fee', keywords: ['过度医疗', '乱收费', '医疗费用'], weight: 6 },
  { id: 'medical-general', category: 'medical', keywords: ['医院', '医生', '诊所', '卫生院', '患者'], weight: 5 },

  // 消费纠纷
  { id: 'consumer-prepaid', category: 'consumer', subcategory: 'prepaid_card', keywords: ['预付卡', '会员卡', '充值卡', '办卡'], weight: 8 },
  { id: 'consumer-refund', category: 'consumer', subcategory: 'refund', keywords: ['退款', '退货', '退钱', '七天无理由'], weight: 7 },
  { id: 'consumer-quality', category: 'consumer', subcategory: 'product_quality', keywords: ['假货', '三无产品', '过期食品', '过期商品', '以次充好', '质量问题'], weight: 7 },
  { id: 'consumer-online', category: 'consumer', subcategory: 'online_shopping', keywords: ['网购', '网店', '淘宝', '拼多多', '直播带货', '快递'], weight: 7 },
  { id: 'consumer-service', category: 'consumer', subcategory: 'service_consumption', keywords: ['美容', '美发', '健身房', '培训机构', '理发店'], weight: 6 },
  { id: 'consumer-general', category: 'consumer', keywords: ['商家', '消费者', '商场', '超市', '买到', '店家'], weight: 4 },

  // 交通事故
  { id: 'traffic-general', category: 'traffic', keywords: ['车祸', '交通事故', '交警', '事故认定书', '肇事'], weight: 9 },
  { id: 'traffic-injury', category: 'traffic', subcategory: 'traffic_injury', keywords: ['撞伤', '撞倒', '被撞', '撞死', '碾压'], weight: 8 },
  { id: 'traffic-vehicle', category: 'traffic', subcategory: 'vehicle_damage', keywords: ['剐蹭', '追尾', '车辆损坏', '修车费'], weight: 8 },
  { id: 'traffic-insurance', category: 'traffic', subcategory: 'insurance_claim', keywords: ['交强险', '商业险', '保险公司', '理赔'], weight: 7 },
  { id: 'traffic-weak', category: 'traffic', keywords: ['撞', '电动车', '开车'], weight: 3 },

  // 合同/借贷
  { id: 'commercial-loan', category: 'commercial', subcategory: 'private_loan', keywords: ['借款', '借钱', '借条', '欠条', '高利贷', '民间借贷'], weight: 9 },
  { id: 'commercial-loan-weak', category: 'commercial', subcategory: 'private_loan', keywords: ['欠款', '利息', '还款'], weight: 6 },
  { id: 'commercial-sales', category: 'commercial', subcategory: 'sales_contract', keywords: ['货款', '买卖合同', '供货', '采购', '发货'], weight: 8 },
  { id: 'commercial-construction', category: 'commercial', subcategory: 'construction_contract', keywords: ['工程款', '施工合同', '承包工程', '装修款'], weight: 8 },
  { id: 'commercial-lease', category: 'commercial', subcategory: 'lease', keywords: ['租金', '房租', '租房', '租赁', '房东', '租客', '退租'], weight: 8 },
  { id: 'commercial-general', category: 'commercial', keywords: ['合同', '违约', '定金', '订金'], weight: 5 },

  // 土地/宅基地/山林
  { id: 'land-contract', category: 'land', subcategory: 'contracted_land', keywords: ['承包地', '土地承包', '土地流转', '责任田', '口粮田'], weight: 9 },
  { id: 'land-forest', category: 'land', subcategory: 'forest_land', keywords: ['山林', '林地', '林权', '山场'], weight: 9 },
  { id: 'land-homestead', category: 'land', subcategory: 'homestead', keywords: ['宅基地', '建房'], weight: 8 },
  { id: 'land-expropriation', category: 'land', subcategory: 'land_expropriation', keywords: ['征地', '征收', '拆迁', '安置补偿', '青苗补偿'], weight: 8 },
  { id: 'land-general', category: 'land', keywords: ['土地', '地界', '村集体', '确权'], weight: 6 },

  // 其他
  { id: 'other-environment', category: 'other', subcategory: 'environment', keywords: ['污染', '排污', '油烟', '异味', '粉尘'], weight: 6 },
  { id: 'other-campus', category: 'other', subcategory: 'campus', keywords: ['校园', '学校', '欺凌', '班主任'], weight: 6 },
];

const RISK: RiskRule[] = [
  {
    id: 'risk-threat-violence',
    level: 'red',
    code: 'threat_violence',
    keywords: ['杀', '砍', '同归于尽', '炸', '报复', '放火', '拿刀', '弄死', '打死', '捅死', '捅了', '泼汽油', '泼硫酸', '烧死'],
    // Everyday words that contain a threat word: bargaining (砍价, 杀价), shopping (秒杀), frying
    // (炸鸡), felling trees in a forest dispute (砍伐), self-harm (scored by its own rule), and the
    // employee's fear of retaliation, which is the opposite of a threat.
    except: [
      '自杀', '杀价', '秒杀', '杀熟', '杀猪', '杀鸡', '杀鱼', '杀虫', '杀毒', '砍价', '砍伐', '砍树', '砍柴', '树砍', '炸鸡', '油炸', '炸串', '爆炸',
      '打击报复', '怕报复', '担心报复', '遭报复', '被报复', '打死也不', '打死都不',
    ],
    notifyPolice: true,
    description: '扬言实施暴力（杀人、放火、报复等），应立即稳控并报告公安机关（人民调解法第25条）',
  },
  {
    id: 'risk-self-harm',
    level: 'red',
    code: 'self_harm',
    keywords: ['自杀', '轻生', '跳楼', '跳河', '跳江', '跳下去', '喝农药', '服毒', '割腕', '上吊', '寻死', '不想活', '活不下去', '死给你看', '一死了之', '吃安眠药', '吞安眠药'],
    notifyPolice: true,
    description: '有自杀、自伤倾向或以此相要挟，应立即稳控、通知家属并报告公安机关',
  },
  {
    id: 'risk-dv-injury',
    level: 'red',
    code: 'domestic_violence_injury',
    keywords: ['家暴', '家庭暴力', '打老婆', '殴打妻子', '打老公'],
    alsoKeywords: ['受伤', '打伤', '住院', '骨折', '流血', '缝针', '验伤', '轻伤', '重伤', '淤青'],
    group: 'domestic_violence',
    notifyPolice: true,
    description: '家庭暴力已致人受伤：告知可申请人身安全保护令（法院72小时内作出，紧急24小时内，反家暴法第28条），并通报公安机关（告诫书，反家暴法第16条）',
  },
  {
    id: 'risk-dv',
    level: 'orange',
    code: 'domestic_violence',
    keywords: ['家暴', '家庭暴力', '打老婆', '殴打妻子', '打老公'],
    group: 'domestic_violence',
    description: '涉及家庭暴力：告知可申请人身安全保护令，必要时请公安机关出具告诫书（反家暴法第16、28条）',
  },
  {
    id: 'risk-collective',
    level: 'orange',
    code: 'collective_dispute',
    signal: 'collective_size',
    keywords: ['集体', '群体', '农民工们', '几十个', '联名', '上访', '一起来讨', '拉上大家'],
    // Collective land ownership is the normal state of a village, not a crowd.
    except: ['村集体', '集体土地', '集体经济', '集体所有', '集体合同'],
    description: '群体性纠纷',
  },
  {
    id: 'risk-vulnerable',
    level: 'orange',
    code: 'vulnerable_party',
    signal: 'vulnerable_party',
    keywords: ['孤寡老人', '独居老人', '空巢老人', '未成年人', '残疾', '孕妇', '怀孕', '刑满释放', '重病', '癌症', '低保户', '退役军人'],
    description: '当事人属特殊群体（独居老人、未成年人、残疾人、孕妇、刑满释放人员等），需重点关注',
  },
  {
    id: 'risk-repeat-visit',
    level: 'orange',
    code: 'repeat_visit',
    signal: 'repeat_visit',
    keywords: ['多次上访', '反复上访', '屡次上访', '越级上访', '多次来访', '反复来访'],
    description: '重复来访，矛盾久拖未决',
  },
  {
    id: 'risk-large-amount',
    level: 'orange',
    code: 'large_amount',
    signal: 'large_amount',
    group: 'amount',
    description: '涉案金额巨大',
  },
  {
    id: 'risk-prior-failed',
    level: 'yellow',
    code: 'prior_failed_mediation',
    signal: 'prior_failed_mediation',
    keywords: ['调解不成', '调解未果', '调解失败', '协商不成', '协商未果', '没谈拢'],
    description: '此前调解或协商未成功',
  },
  {
    id: 'risk-notable-amount',
    level: 'yellow',
    code: 'notable_amount',
    signal: 'notable_amount',
    group: 'amount',
    description: '涉案金额较大',
  },
  {
    id: 'risk-heated',
    level: 'yellow',
    code: 'heated_conflict',
    keywords: ['吵架', '争吵', '扬言', '威胁', '堵门', '拉横幅', '打横幅', '口角', '推搡', '辱骂', '闹事', '围堵'],
    description: '矛盾有激化迹象（争吵、扬言、威胁、堵门、拉横幅等）',
  },
  {
    // DOMAIN.md F3: not a danger, but it changes the road, so it is a note that does not raise the level.
    id: 'risk-f3-pregnancy',
    level: 'blue',
    code: 'divorce_restricted_pregnancy',
    categories: ['marriage_family'],
    signal: 'vulnerable_party',
    vulnerableFlags: ['pregnant'],
    keywords: ['怀孕', '孕期', '分娩', '哺乳期', '流产', '引产', '终止妊娠', '刚生完孩子', '坐月子'],
    description: '提示：女方怀孕期间、分娩后一年内或终止妊娠后六个月内，男方不得提出离婚，女方提出或法院认为确有必要的除外（民法典第1082条）',
  },
];

const DEFAULT_THRESHOLDS: RiskThresholds = {
  collectivePartyCount: 5,
  repeatVisitCount: 2,
  largeAmountFen: 10_000_000,
  notableAmountFen: 1_000_000,
};

/** Frozen: the service hands this very object out whenever no version is saved, to every request. */
export const DEFAULT_RULES: TriageRuleSet = deepFreeze({ classification: CLASSIFICATION, risk: RISK, thresholds: DEFAULT_THRESHOLDS });

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
