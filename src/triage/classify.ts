import { ClassificationRule, normaliseShort, normaliseText, occurrences, TriageRuleSet } from './rules';
import { Category, CATEGORY_CODES, isCategory, Subcategory, Track, trackOfCategory } from './taxonomy';

export interface ClassifyInput {
  title: string;
  description: string;
  /**
   * What the sender already believes, e.g. a court referral's 案由 or the clerk's pick. It breaks
   * ties and stands in when no keyword matches, but never overrides the text: a hint is a guess
   * made before anyone read the story.
   */
  hints?: { category?: string | null };
}

export type Confidence = 'high' | 'medium' | 'low';

export interface Classification {
  category: Category;
  /** null when no matching rule of the winning category names one: the clerk picks it. */
  subcategory: Subcategory | null;
  track: Track;
  confidence: Confidence;
  /** Every category with a positive score, best first. */
  scores: Array<{ category: Category; score: number }>;
  /** The keywords that counted, in the order they appear in the text. */
  matched: string[];
}

/**
 * Calibrated on the default weights: one decisive phrase (weight 9) is enough for `high` when
 * nothing competes; context words alone (weight 3–5) are not enough for `medium`.
 */
export const CONFIDENCE = {
  highMinScore: 8,
  /** The winner must have at least this multiple of the runner-up's score to be `high`. */
  highMinLead: 2,
  mediumMinScore: 5,
} as const;

/**
 * Suggests a category from the text. Deliberately simple and explainable, because a clerk must
 * be able to see why (the matched keywords) and an admin must be able to fix it (the weights):
 *
 * - score of a category = sum of the weights of the distinct keywords found, each counted once
 *   however often it occurs (a long complaint repeating 工资 is not more of a labor case);
 * - where keywords overlap in the text the longest wins, so 拖欠工资 does not also count the 工资
 *   inside it and 宅基地边界 (a neighbour dispute) does not also count 宅基地 (a land dispute);
 * - no negation handling here: in complaints a negation usually is the grievance (三个月没有工资,
 *   没有退款), so dropping the keyword would be wrong far more often than right. Risk keywords are
 *   different; see risk.ts.
 */
export function classify(input: ClassifyInput, rules: Pick<TriageRuleSet, 'classification'>): Classification {
  const text = `${normaliseText(input.title)}\n${normaliseText(input.description)}`;
  const hint = isCategory(input.hints?.category) ? input.hints.category : null;

  const { byKeyword, keywords } = keywordIndex(rules.classification);
  const { keywords: matched, firstAt } = longestNonOverlapping(text, keywords);

  const categoryScore = new Map<Category, number>();
  const ruleScore = new Map<number, number>();
  for (const keyword of matched) {
    // A keyword listed in two rules of one category counts once for the category, at its best weight.
    const best = new Map<Category, number>();
    for (const index of byKeyword.get(keyword) ?? []) {
      const rule = rules.classification[index];
      ruleScore.set(index, (ruleScore.get(index) ?? 0) + rule.weight);
      best.set(rule.category, Math.max(best.get(rule.category) ?? 0, rule.weight));
    }
    for (const [category, weight] of best) categoryScore.set(category, (categoryScore.get(category) ?? 0) + weight);
  }

  const order = (c: Category) => (c === hint ? -1 : CATEGORY_CODES.indexOf(c));
  const scores = [...categoryScore]
    .map(([category, score]) => ({ category, score }))
    .sort((a, b) => b.score - a.score || order(a.category) - order(b.category));

  const top = scores[0];
  const category: Category = top?.category ?? hint ?? 'other';
  let subcategory: Subcategory | null = null;
  let bestRuleScore = 0;
  for (const [index, rule] of rules.classification.entries()) {
    const score = ruleScore.get(index) ?? 0;
    // Strictly greater: on a tie the earlier rule wins, so the order of the rules is a priority.
    if (rule.category === category && rule.subcategory !== undefined && score > bestRuleScore) {
      subcategory = rule.subcategory;
      bestRuleScore = score;
    }
  }

  return {
    category,
    subcategory,
    track: trackOfCategory(category),
    confidence: confidenceOf(top?.score ?? 0, scores[1]?.score ?? 0),
    scores,
    matched: matched.sort((a, b) => (firstAt.get(a) ?? 0) - (firstAt.get(b) ?? 0)),
  };
}

/** Each normalised keyword and the rules (by index) that list it; built once per rule list (rules in force are shared, never mutated). */
const keywordIndexes = new WeakMap<readonly ClassificationRule[], { byKeyword: Map<string, number[]>; keywords: string[] }>();

function keywordIndex(classification: readonly ClassificationRule[]): { byKeyword: Map<string, number[]>; keywords: string[] } {
  let index = keywordIndexes.get(classification);
  if (!index) {
    const byKeyword = new Map<string, number[]>();
    classification.forEach((rule, i) => {
      for (const raw of rule.keywords) {
        const keyword = normaliseShort(raw);
        if (!keyword) continue;
        const list = byKeyword.get(keyword);
        if (list) list.push(i);
        else byKeyword.set(keyword, [i]);
      }
    });
    index = { byKeyword, keywords: [...byKeyword.keys()] };
    keywordIndexes.set(classification, index);
  }
  return index;
}

function confidenceOf(top: number, second: number): Confidence {
  if (top < CONFIDENCE.mediumMinScore || top === second) return 'low';
  if (top >= CONFIDENCE.highMinScore && top >= CONFIDENCE.highMinLead * second) return 'high';
  return 'medium';
}

/**
 * Finds keyword occurrences, longest first, and keeps an occurrence only if none of its characters
 * is already taken by a longer (or, at equal length, earlier) one. A shorter keyword still counts
 * where it also occurs on its own elsewhere in the text.
 */
function longestNonOverlapping(text: string, keywords: string[]): { keywords: string[]; firstAt: Map<string, number> } {
  const spans = keywords.flatMap((keyword) => occurrences(text, keyword).map((start) => ({ keyword, start, end: start + keyword.length })));
  spans.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const taken = new Uint8Array(text.length);
  const firstAt = new Map<string, number>();
  for (const span of spans) {
    if (taken.subarray(span.start, span.end).some((t) => t === 1)) continue;
    taken.fill(1, span.start, span.end);
    firstAt.set(span.keyword, Math.min(firstAt.get(span.keyword) ?? Infinity, span.start));
  }
  return { keywords: [...firstAt.keys()], firstAt };
}
