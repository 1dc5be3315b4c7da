import { DEFAULT_RULES, normaliseText, RULE_LIMITS, RuleError, TriageRuleSet, validateRules } from './rules';
import { CATEGORY_CODES, Category, isSubcategoryOf, SUBCATEGORY_CODES, TAXONOMY, trackOfCategory, Track, VULNERABLE_FLAG_CODES } from './taxonomy';

/** A fresh, mutable copy of the defaults, as an admin would GET, edit and PUT them. */
const defaults = (): TriageRuleSet => JSON.parse(JSON.stringify(DEFAULT_RULES));
const errorsOf = (input: unknown): RuleError[] => {
  const result = validateRules(input);
  return result.ok ? [] : result.errors;
};

describe('taxonomy', () => {
  it.each<[Category, Track]>([
    ['marriage_family', 'family'],
    ['labor', 'labor'],
    ['property_management', 'property'],
    ['neighbour', 'general'],
    ['medical', 'general'],
    ['consumer', 'general'],
    ['traffic', 'general'],
    ['commercial', 'general'],
    ['land', 'general'],
    ['other', 'general'],
  ])('%s belongs to the %s track', (category, track) => {
    expect(trackOfCategory(category)).toBe(track);
  });

  it('gives every category a label and an `other` subcategory, and no subcategory code twice', () => {
    for (const c of CATEGORY_CODES) {
      expect(TAXONOMY[c].label).toMatch(/[\u4e00-\u9fa5]/u);
      expect(isSubcategoryOf(c, 'other')).toBe(true);
    }
    const all = CATEGORY_CODES.flatMap((c) => Object.keys(TAXONOMY[c].subcategories)).filter((s) => s !== 'other');
    expect(new Set(all).size).toBe(all.length);
    expect(SUBCATEGORY_CODES).toHaveLength(all.length + 1);
  });

  it('checks that a subcategory belongs to its category', () => {
    expect(isSubcategoryOf('labor', 'wage_arrears')).toBe(true);
    expect(isSubcategoryOf('labor', 'divorce')).toBe(false);
    expect(isSubcategoryOf('labor', 'toString')).toBe(false);
  });

  it('lists the vulnerable flags', () => {
    expect(VULNERABLE_FLAG_CODES).toEqual(['elderly_alone', 'minor', 'disabled', 'released_prisoner', 'pregnant', 'serious_illness', 'low_income', 'veteran']);
  });
});

describe('normaliseText', () => {
  it.each([
    ['拖欠 工资', '拖欠工资'],
    [' 全角ＫＴＶ１２３ ', '全角ktv123'],
    ['欠薪！\n\t三个月', '欠薪!三个月'],
    ['\u3000讨薪\u3000', '讨薪'],
  ])('%p → %p', (raw, normalised) => {
    expect(normaliseText(raw)).toBe(normalised);
  });
});

describe('DEFAULT_RULES', () => {
  it('pass their own validation after a JSON round trip, unchanged', () => {
    const result = validateRules(defaults());
    expect(result).toEqual({ ok: true, rules: defaults() });
  });

  it('are frozen, because every request without saved rules shares them', () => {
    expect(Object.isFrozen(DEFAULT_RULES.classification[0].keywords)).toBe(true);
    expect(Object.isFrozen(DEFAULT_RULES.thresholds)).toBe(true);
  });

  it('have rules for every category', () => {
    const covered = new Set(DEFAULT_RULES.classification.map((r) => r.category));
    expect([...CATEGORY_CODES].filter((c) => !covered.has(c))).toEqual([]);
  });

  it.each<[Category, string[]]>([
    ['labor', ['欠薪', '拖欠工资', '工资', '工钱', '包工头', '讨薪', '工伤', '受伤', '赔偿金', '经济补偿', '辞退', '劳动合同', '社保']],
    ['property_management', ['物业费', '物业公司', '业委会', '业主委员会', '漏水', '渗水', '电梯', '停车位', '保安']],
    ['marriage_family', ['离婚', '抚养', '抚养费', '探视', '赡养', '老人', '继承', '遗产', '家暴', '家庭暴力', '打老婆']],
    ['neighbour', ['邻居', '楼上', '噪音', '占道', '采光', '相邻', '宅基地边界']],
    ['medical', ['医院', '手术', '医疗事故', '误诊']],
    ['consumer', ['退款', '商家', '网购', '预付卡', '美容']],
    ['traffic', ['车祸', '交通事故', '撞']],
    ['commercial', ['借款', '欠款', '借条', '合同', '货款']],
    ['land', ['土地', '承包地', '宅基地', '山林', '征地']],
  ])('know the %s keywords', (category, keywords) => {
    const known = new Set(DEFAULT_RULES.classification.filter((r) => r.category === category).flatMap((r) => r.keywords));
    expect(keywords.filter((k) => !known.has(k))).toEqual([]);
  });

  it.each([
    ['threat_violence', ['杀', '砍', '同归于尽', '炸', '报复', '放火', '拿刀']],
    ['self_harm', ['跳楼', '自杀', '轻生', '喝农药']],
    ['domestic_violence_injury', ['家暴']],
    ['collective_dispute', ['集体', '群体', '农民工们', '几十个', '联名', '上访']],
    ['heated_conflict', ['吵架', '扬言', '威胁', '堵门', '拉横幅']],
  ])('know the %s keywords', (code, keywords) => {
    const rule = DEFAULT_RULES.risk.find((r) => r.code === code);
    expect(keywords.filter((k) => !rule?.keywords?.includes(k))).toEqual([]);
  });

  it('set the thresholds of the brief: 5 parties, 2 visits, 100,000 and 10,000 yuan', () => {
    expect(DEFAULT_RULES.thresholds).toEqual({ collectivePartyCount: 5, repeatVisitCount: 2, largeAmountFen: 10_000_000, notableAmountFen: 1_000_000 });
  });

  it('notify the police only for violence and self-harm', () => {
    expect(DEFAULT_RULES.risk.filter((r) => r.notifyPolice).map((r) => r.code)).toEqual(['threat_violence', 'self_harm', 'domestic_violence_injury']);
  });
});

describe('validateRules', () => {
  type Edit = (r: TriageRuleSet & Record<string, unknown>) => void;
  const rule0 = (r: TriageRuleSet) => r.classification[0] as unknown as Record<string, unknown>;
  const risk0 = (r: TriageRuleSet) => r.risk[0] as unknown as Record<string, unknown>;
  const collective = (r: TriageRuleSet) => r.risk.find((x) => x.code === 'collective_dispute') as unknown as Record<string, unknown>;

  it.each<[string, Edit, string, RegExp]>([
    ['an unknown category', (r) => { rule0(r).category = 'no_such'; }, 'classification[0].category', /unknown category/],
    ['a subcategory of another category', (r) => { rule0(r).subcategory = 'divorce'; }, 'classification[0].subcategory', /not a subcategory of labor/],
    ['an empty keyword', (r) => { r.classification[3].keywords[0] = ''; }, 'classification[3].keywords[0]', /empty/],
    ['a keyword with a space', (r) => { r.classification[0].keywords[1] = '拖欠 工资'; }, 'classification[0].keywords[1]', /spaces/],
    ['a keyword longer than 20 characters', (r) => { r.classification[0].keywords[0] = '欠'.repeat(21); }, 'classification[0].keywords[0]', /at most 20/],
    ['a keyword that is no string', (r) => { (r.classification[0].keywords as unknown[])[0] = 5; }, 'classification[0].keywords[0]', /string/],
    ['a keyword twice in one rule', (r) => { r.classification[0].keywords.push('欠薪'); }, `classification[0].keywords[${DEFAULT_RULES.classification[0].keywords.length}]`, /duplicate keyword/],
    ['a keyword twice after normalising', (r) => { r.classification[0].keywords = ['ktv', 'ＫＴＶ']; }, 'classification[0].keywords[1]', /duplicate keyword/],
    ['no keywords', (r) => { r.classification[0].keywords = []; }, 'classification[0].keywords', /at least one/],
    ['keywords that are no array', (r) => { rule0(r).keywords = '欠薪'; }, 'classification[0].keywords', /array/],
    ['too many keywords', (r) => { r.classification[0].keywords = Array.from({ length: 101 }, (_, i) => `词${i}`); }, 'classification[0].keywords', /at most 100/],
    ['weight 0', (r) => { r.classification[0].weight = 0; }, 'classification[0].weight', /1 to 10/],
    ['weight 11', (r) => { r.classification[0].weight = 11; }, 'classification[0].weight', /1 to 10/],
    ['a fractional weight', (r) => { r.classification[0].weight = 2.5; }, 'classification[0].weight', /integer/],
    ['a weight as a string', (r) => { rule0(r).weight = '5'; }, 'classification[0].weight', /integer/],
    ['a duplicate id', (r) => { r.classification[1].id = r.classification[0].id; }, 'classification[1].id', /duplicate id "labor-wage-strong" \(also classification\[0\]\)/],
    ['a risk id equal to a classification id', (r) => { r.risk[0].id = r.classification[0].id; }, 'risk[0].id', /duplicate id/],
    ['an id with spaces', (r) => { r.classification[0].id = 'my rule'; }, 'classification[0].id', /letters, digits/],
    ['a missing id', (r) => { delete rule0(r).id; }, 'classification[0].id', /non-empty string/],
    ['a misspelt property', (r) => { rule0(r).keyword = ['欠薪']; }, 'classification[0].keyword', /unknown property/],
    ['a rule that is no object', (r) => { (r.classification as unknown[])[2] = '欠薪'; }, 'classification[2]', /object/],
    ['more than 500 rules', (r) => { r.classification = Array.from({ length: 501 }, (_, i) => ({ id: `r${i}`, category: 'labor', keywords: ['欠薪'], weight: 5 })); }, 'classification', /at most 500/],
    ['classification missing', (r) => { delete (r as Partial<TriageRuleSet>).classification; }, 'classification', /array/],
    ['an unknown top-level property', (r) => { r.version = 3; }, 'version', /unknown property/],
    ['an unknown risk level', (r) => { risk0(r).level = 'purple'; }, 'risk[0].level', /red, orange, yellow, blue/],
    ['a code that is not snake_case', (r) => { r.risk[0].code = 'Threat-Violence'; }, 'risk[0].code', /snake_case/],
    ['a duplicate code', (r) => { r.risk[1].code = r.risk[0].code; }, 'risk[1].code', /duplicate code "threat_violence"/],
    ['an empty description', (r) => { r.risk[0].description = '  '; }, 'risk[0].description', /non-empty/],
    ['a rule that can never fire', (r) => { r.risk.push({ id: 'idle', level: 'yellow', code: 'idle', description: '无' }); }, `risk[${DEFAULT_RULES.risk.length}]`, /keywords or a signal/],
    ['an unknown signal', (r) => { collective(r).signal = 'moon_phase'; }, 'risk[4].signal', /one of collective_size/],
    ['police notice on an orange rule', (r) => { collective(r).notifyPolice = true; }, 'risk[4].notifyPolice', /only red/],
    ['police notice that is no boolean', (r) => { risk0(r).notifyPolice = 'yes'; }, 'risk[0].notifyPolice', /true or false/],
    ['vulnerable flags without their signal', (r) => { collective(r).vulnerableFlags = ['minor']; }, 'risk[4].vulnerableFlags', /only with signal vulnerable_party/],
    ['an unknown vulnerable flag', (r) => { (r.risk[r.risk.length - 1].vulnerableFlags as string[]) = ['pregnant', 'tall']; }, `risk[${DEFAULT_RULES.risk.length - 1}].vulnerableFlags[1]`, /unknown flag/],
    ['an unknown category filter', (r) => { (r.risk[r.risk.length - 1].categories as string[]) = ['family']; }, `risk[${DEFAULT_RULES.risk.length - 1}].categories[0]`, /unknown category/],
    ['alsoKeywords without keywords', (r) => { r.risk.push({ id: 'a', level: 'yellow', code: 'a', signal: 'repeat_visit', alsoKeywords: ['又来了'], description: '无' }); }, `risk[${DEFAULT_RULES.risk.length}].alsoKeywords`, /needs keywords/],
    ['an empty except keyword', (r) => { r.risk[0].except = ['']; }, 'risk[0].except[0]', /empty/],
    ['a group that is not snake_case', (r) => { r.risk[0].group = 'Violence!'; }, 'risk[0].group', /snake_case/],
    ['thresholds missing', (r) => { delete (r as Partial<TriageRuleSet>).thresholds; }, 'thresholds', /object/],
    ['a collective size of 1', (r) => { r.thresholds.collectivePartyCount = 1; }, 'thresholds.collectivePartyCount', /2 to 1000/],
    ['a negative amount', (r) => { r.thresholds.largeAmountFen = -1; }, 'thresholds.largeAmountFen', /integer/],
    ['a notable amount above the large one', (r) => { r.thresholds.notableAmountFen = r.thresholds.largeAmountFen; }, 'thresholds.notableAmountFen', /below largeAmountFen/],
    ['an unknown threshold', (r) => { (r.thresholds as unknown as Record<string, unknown>).maxAgeDays = 3; }, 'thresholds.maxAgeDays', /unknown property/],
  ])('refuses %s', (_, edit, path, message) => {
    const rules = defaults() as TriageRuleSet & Record<string, unknown>;
    edit(rules);
    const errors = errorsOf(rules);
    expect(errors).toEqual([{ path, message: expect.stringMatching(message) }]);
  });

  it.each([null, 'rules', 42, [DEFAULT_RULES]])('refuses %p as a whole', (input) => {
    expect(errorsOf(input)).toEqual([{ path: '', message: expect.stringMatching(/object/) }]);
  });

  it('reports every error of a bad rule at once', () => {
    const errors = errorsOf({ ...defaults(), classification: [{ id: 'x', category: 'no_such', keywords: [''], weight: 99 }] });
    expect(errors.map((e) => e.path)).toEqual(['classification[0].category', 'classification[0].keywords[0]', 'classification[0].weight']);
  });

  it(`stops listing after ${RULE_LIMITS.maxErrors} errors`, () => {
    const rules = defaults();
    rules.classification = Array.from({ length: 300 }, (_, i) => ({ id: `r${i}`, category: 'labor' as const, keywords: ['欠薪'], weight: 0 }));
    expect(errorsOf(rules)).toHaveLength(RULE_LIMITS.maxErrors);
  });

  it('returns a copy the caller cannot change afterwards', () => {
    const input = defaults();
    const result = validateRules(input);
    input.classification[0].keywords.push('改了');
    expect(result.ok && result.rules.classification[0].keywords).toEqual(DEFAULT_RULES.classification[0].keywords);
  });

  it('accepts a minimal rule set an admin might write', () => {
    const minimal = {
      classification: [{ id: 'tea', category: 'consumer', subcategory: 'product_quality', keywords: ['茶叶'], weight: 10 }],
      risk: [{ id: 'threat', level: 'red', code: 'threat', keywords: ['同归于尽'], notifyPolice: true, description: '扬言暴力' }],
      thresholds: { collectivePartyCount: 10, repeatVisitCount: 3, largeAmountFen: 50_000_000, notableAmountFen: 5_000_000 },
    };
    expect(validateRules(minimal)).toEqual({ ok: true, rules: minimal });
  });
});
