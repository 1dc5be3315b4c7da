import { normaliseShort, normaliseWithOffsets, occurrences, RISK_LEVELS, RiskLevel, RiskRule, RiskThresholds, TriageRuleSet } from './rules';
import { Category, isVulnerableFlag, VULNERABLE_FLAGS } from './taxonomy';

export type PartySide = 'applicant' | 'respondent' | 'third_party' | 'agent';

export interface RiskInput {
  title: string;
  description: string;
  parties: ReadonlyArray<{ side: PartySide; vulnerable: readonly string[] }>;
  /** When absent, an amount written in the text ("8万元") is used instead. */
  amountFen?: number | null;
  priorVisits: number;
  priorFailedMediation: boolean;
  /** The suggested or decided category; rules limited to categories are skipped without it. */
  category?: Category | null;
}

export interface RiskReason {
  code: string;
  level: RiskLevel;
  description: string;
  /** What set the rule off, for the director reading the alert: a text snippet or a fact. */
  evidence?: string;
  notifyPolice?: true;
}

export interface RiskAssessment {
  level: RiskLevel;
  /** Most severe first. */
  reasons: RiskReason[];
}

/**
 * Words that, directly before a risk keyword, deny it: 没有受伤, 未受伤, 不是家暴. Only the
 * immediately preceding characters are looked at, so "没有人受伤" still counts as an injury; the
 * cheap check errs towards raising the alarm, which is the cheaper mistake for a red rule.
 */
export const NEGATION_MARKERS = ['没有', '没', '未', '不是', '并非', '不会'] as const;

const SIDE_LABELS: Record<PartySide, string> = { applicant: '申请人', respondent: '被申请人', third_party: '第三人', agent: '代理人' };

/**
 * Applies the risk rules in order and reports every reason found, the most severe first. The level
 * is that of the most severe reason (blue when none). A rule fires on its keywords (with
 * `alsoKeywords`, `except` and negation applied) or on its signal, whichever holds.
 */
export function assessRisk(input: RiskInput, rules: Pick<TriageRuleSet, 'risk' | 'thresholds'>): RiskAssessment {
  const text = new CaseText(input.title, input.description);
  const facts = new Facts(input, text.normalised, rules.thresholds);
  const fired: Array<{ rule: RiskRule; reason: RiskReason }> = [];

  for (const rule of rules.risk) {
    if (rule.categories && !(input.category && rule.categories.includes(input.category))) continue;
    const evidence = [signalEvidence(rule, facts), keywordEvidence(rule, text)].filter((e): e is string => e !== null);
    if (evidence.length === 0) continue;
    const reason: RiskReason = { code: rule.code, level: rule.level, description: rule.description, evidence: evidence.join('；') };
    if (rule.notifyPolice && rule.level === 'red') reason.notifyPolice = true;
    fired.push({ rule, reason });
  }

  const kept = fired.filter(({ rule, reason }) => {
    if (!rule.group) return true;
    const rivals = fired.filter((f) => f.rule.group === rule.group);
    const best = Math.min(...rivals.map((f) => severity(f.reason.level)));
    return severity(reason.level) === best && rivals.find((f) => severity(f.reason.level) === best)?.rule === rule;
  });
  const reasons = kept.map((f) => f.reason).sort((a, b) => severity(a.level) - severity(b.level));
  return { level: reasons[0]?.level ?? 'blue', reasons };
}

/**
 * True when the case must go to the police partner at once (警调对接): a red reason about violence
 * or self-harm. Which rules those are is part of the rule data (`notifyPolice`), so a county can
 * add its own without a release.
 */
export function shouldNotifyPolice(result: Pick<RiskAssessment, 'reasons'>): boolean {
  return result.reasons.some((r) => r.level === 'red' && r.notifyPolice === true);
}

const severity = (level: RiskLevel) => RISK_LEVELS.indexOf(level);

// ---------------------------------------------------------------------------------------------
// Keywords

interface Hit {
  start: number;
  end: number;
}

/** The case text normalised for matching, able to quote a match back in the original words. */
class CaseText {
  readonly normalised: string;
  private readonly original: string;
  private readonly offsets: number[];

  constructor(title: string, description: string) {
    // Title and description are joined by a line break, which no keyword contains (spaces are
    // refused in keywords), so nothing matches across the two.
    const t = normaliseWithOffsets(title);
    const d = normaliseWithOffsets(description);
    this.original = `${title}\n${description}`;
    this.normalised = `${t.text}\n${d.text}`;
    this.offsets = [...t.offsets.slice(0, -1), title.length, ...d.offsets.map((o) => o + title.length + 1)];
  }

  /** The words around a match, cut at sentence ends, so the alert shows the threat in its sentence. */
  quote(start: number, end: number): string {
    const text = this.normalised;
    let from = start;
    while (from > 0 && start - from < CONTEXT && !SENTENCE_END.test(text[from - 1])) from--;
    let to = end;
    while (to < text.length && to - end < CONTEXT && !SENTENCE_END.test(text[to])) to++;
    const head = from > 0 && !SENTENCE_END.test(text[from - 1]) ? '…' : '';
    const tail = to < text.length && !SENTENCE_END.test(text[to]) ? '…' : '';
    const words = this.original.slice(this.offsets[from], this.offsets[to]).replace(/\s+/gu, ' ').trim();
    return `${head}${words}${tail}`;
  }
}

const SENTENCE_END = /[。！？!?；;\n]/u;
const CONTEXT = 12;

function keywordEvidence(rule: RiskRule, text: CaseText): string | null {
  if (!rule.keywords?.length) return null;
  const except = (rule.except ?? []).map(normaliseShort).flatMap((e) => occurrences(text.normalised, e).map((start) => ({ start, end: start + e.length })));
  const hit = firstHit(text.normalised, rule.keywords, except);
  if (!hit) return null;
  if (!rule.alsoKeywords?.length) return text.quote(hit.start, hit.end);
  const also = firstHit(text.normalised, rule.alsoKeywords, except);
  if (!also) return null;
  // Close together (家暴，打伤住院) reads best as one quote; far apart as two.
  if (Math.abs(also.start - hit.start) <= 20) return text.quote(Math.min(hit.start, also.start), Math.max(hit.end, also.end));
  return `${text.quote(hit.start, hit.end)}；${text.quote(also.start, also.end)}`;
}

/** The earliest occurrence of any keyword that is neither negated nor part of an `except` phrase. */
function firstHit(text: string, keywords: readonly string[], except: Hit[]): Hit | null {
  let best: Hit | null = null;
  for (const raw of keywords) {
    const keyword = normaliseShort(raw);
    for (const start of occurrences(text, keyword)) {
      const end = start + keyword.length;
      if (NEGATION_MARKERS.some((m) => text.endsWith(m, start))) continue;
      if (except.some((x) => x.start < end && start < x.end)) continue;
      if (!best || start < best.start || (start === best.start && end > best.end)) best = { start, end };
      break;
    }
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// Signals

class Facts {
  private headcount?: { count: number; phrase: string } | null;
  private textAmount?: { fen: number; phrase: string } | null;

  constructor(
    readonly input: RiskInput,
    private readonly text: string,
    readonly thresholds: RiskThresholds,
  ) {}

  mentionedHeadcount() {
    if (this.headcount === undefined) this.headcount = mentionedHeadcount(this.text);
    return this.headcount;
  }

  /** The amount to judge by and how to show it: the registered amount, else the text's. */
  amount(): { fen: number; shown: string } | null {
    if (typeof this.input.amountFen === 'number') return { fen: this.input.amountFen, shown: `金额 ${formatYuan(this.input.amountFen)} 元` };
    if (this.textAmount === undefined) this.textAmount = mentionedAmountFen(this.text);
    return this.textAmount && { fen: this.textAmount.fen, shown: `文中金额“${this.textAmount.phrase}”` };
  }
}

function signalEvidence(rule: RiskRule, facts: Facts): string | null {
  const { input, thresholds: t } = facts;
  switch (rule.signal) {
    case undefined:
      return null;
    case 'collective_size': {
      const counts = new Map<PartySide, number>();
      // An agent speaks for a side; a lawyer for twelve workers does not make thirteen.
      for (const p of input.parties) if (p.side !== 'agent') counts.set(p.side, (counts.get(p.side) ?? 0) + 1);
      for (const [side, n] of counts) if (n >= t.collectivePartyCount) return `${SIDE_LABELS[side]}一方 ${n} 人`;
      const said = facts.mentionedHeadcount();
      return said && said.count >= t.collectivePartyCount ? `文中提及“${said.phrase}”` : null;
    }
    case 'vulnerable_party': {
      const found = new Map<PartySide, Set<string>>();
      for (const p of input.parties) {
        // The agent's own circumstances do not make the dispute more fragile.
        if (p.side === 'agent') continue;
        for (const flag of p.vulnerable) {
          if (!isVulnerableFlag(flag) || (rule.vulnerableFlags && !rule.vulnerableFlags.includes(flag))) continue;
          const labels = found.get(p.side) ?? new Set<string>();
          labels.add(VULNERABLE_FLAGS[flag]);
          found.set(p.side, labels);
        }
      }
      return found.size ? [...found].map(([side, labels]) => `${SIDE_LABELS[side]}：${[...labels].join('、')}`).join('；') : null;
    }
    case 'repeat_visit':
      return input.priorVisits >= t.repeatVisitCount ? `此前来访 ${input.priorVisits} 次` : null;
    case 'large_amount':
    case 'notable_amount': {
      const amount = facts.amount();
      const min = rule.signal === 'large_amount' ? t.largeAmountFen : t.notableAmountFen;
      return amount && amount.fen >= min ? amount.shown : null;
    }
    case 'prior_failed_mediation':
      return input.priorFailedMediation ? '登记时注明此前调解未成功' : null;
  }
}

function formatYuan(fen: number): string {
  const yuan = Math.floor(fen / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/gu, ',');
  return `${yuan}.${String(fen % 100).padStart(2, '0')}`;
}

// ---------------------------------------------------------------------------------------------
// Numbers in the text. Clerks type what the party says, so "十几个工人" and "8万多元" are as
// common as digits; both are read, approximately (几 counts as 2, "多" is ignored), which is
// enough to compare with a threshold.

const NUMERAL = '(\\d+|[零〇一二两三四五六七八九十百千万几]+)';
const PEOPLE = '(?:农民工|工人|员工|职工|工友|业主|村民|居民|住户|家长|学员|会员|消费者|老人|人(?!民))';
const HEADCOUNT = new RegExp(`${NUMERAL}(?:多|余|来)?(?:(?:名|个|位)?${PEOPLE}|户)`, 'gu');
const AMOUNT = /([\d零〇一二两三四五六七八九十百千万亿几][\d.,零〇一二两三四五六七八九十百千万亿几]*)(?:多|余)?(?:元|块)/gu;

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 几: 2 };
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** 十二 → 12, 几十 → 20, 十几 → 12, 三万五千 → 35000, 8万 → 80000, 1.5万 → 15000, 1,200 → 1200. */
export function parseChineseNumber(s: string): number {
  let total = 0;
  let section = 0;
  let digit = 0;
  for (const [token] of s.replace(/,/gu, '').matchAll(/\d+(?:\.\d+)?|./gu)) {
    if (/^\d/u.test(token)) digit = Number(token);
    else if (token in DIGITS) digit = DIGITS[token];
    else if (token in UNITS) {
      section += (digit || 1) * UNITS[token];
      digit = 0;
    } else if (token === '万' || token === '亿') {
      total = (total + section + digit) * (token === '万' ? 10_000 : 100_000_000);
      section = 0;
      digit = 0;
    }
  }
  return total + section + digit;
}

/** The largest number of people the text speaks of ("12名农民工", "三十多户"), if any. */
export function mentionedHeadcount(normalisedText: string): { count: number; phrase: string } | null {
  let best: { count: number; phrase: string } | null = null;
  for (const m of normalisedText.matchAll(HEADCOUNT)) {
    const count = parseChineseNumber(m[1]);
    if (!best || count > best.count) best = { count, phrase: m[0] };
  }
  return best;
}

/** The largest amount of money the text names ("8万元", "80,000元", "三千块"), in fen. */
export function mentionedAmountFen(normalisedText: string): { fen: number; phrase: string } | null {
  let best: { fen: number; phrase: string } | null = null;
  for (const m of normalisedText.matchAll(AMOUNT)) {
    const fen = Math.round(parseChineseNumber(m[1]) * 100);
    if (Number.isSafeInteger(fen) && (!best || fen > best.fen)) best = { fen, phrase: m[0] };
  }
  return best;
}
