import { classify, Classification } from './classify';
import { ClassificationRule, DEFAULT_RULES, validateRules } from './rules';

const run = (title: string, description: string, hints?: { category?: string }) => classify({ title, description, hints }, DEFAULT_RULES);
const only = (classification: ClassificationRule[]) => ({ classification });

describe('classify with the default rules', () => {
  it.each<[string, string, string, Pick<Classification, 'category' | 'subcategory' | 'track' | 'confidence'>]>([
    ['wage arrears', '', '包工头拖欠我们12个农民工三个月工资共计8万元', { category: 'labor', subcategory: 'wage_arrears', track: 'labor', confidence: 'high' }],
    ['wage arrears at the window', '农民工讨要拖欠工资', '申请人等12名农民工在清波街道某工地务工，包工头李建军拖欠三个月工资共计8万元，多次讨要未果。', { category: 'labor', subcategory: 'wage_arrears', track: 'labor', confidence: 'high' }],
    ['work injury', '工伤赔偿', '在厂里操作机器时手指被压断，老板不给申报工伤。', { category: 'labor', subcategory: 'work_injury', track: 'labor', confidence: 'high' }],
    ['dismissal', '', '公司无故辞退我，不肯支付经济补偿金。', { category: 'labor', subcategory: 'contract_termination', track: 'labor', confidence: 'high' }],
    ['social insurance', '', '单位入职三年一直没给交社保。', { category: 'labor', subcategory: 'social_insurance', track: 'labor', confidence: 'high' }],
    ['leak from upstairs', '', '楼上卫生间漏水导致我家天花板发霉，物业公司一直不处理', { category: 'property_management', subcategory: 'repair_leak', track: 'property', confidence: 'high' }],
    ['property fee', '物业费争议', '业主认为物业公司服务不到位，拒交物业费两年。', { category: 'property_management', subcategory: 'property_fee', track: 'property', confidence: 'high' }],
    ["owners' committee", '', '业委会换届选举，物业公司干预投票。', { category: 'property_management', subcategory: 'owners_committee', track: 'property', confidence: 'high' }],
    ['parking', '', '双方因停车位发生争执。', { category: 'property_management', subcategory: 'parking', track: 'property', confidence: 'high' }],
    ['domestic violence and divorce', '', '丈夫长期家暴，昨天把我打伤住院，我要离婚', { category: 'marriage_family', subcategory: 'domestic_violence', track: 'family', confidence: 'high' }],
    ['divorce and custody', '离婚纠纷', '双方因感情不和要求离婚，对孩子抚养权有争议。', { category: 'marriage_family', subcategory: 'divorce', track: 'family', confidence: 'high' }],
    ['elder support', '信访转调解：赡养纠纷', '信访人反映子女不履行赡养义务，经信访局转人民调解。', { category: 'marriage_family', subcategory: 'elder_support', track: 'family', confidence: 'high' }],
    ['inheritance', '', '父亲去世后兄妹三人为遗产分割争执不下。', { category: 'marriage_family', subcategory: 'inheritance', track: 'family', confidence: 'high' }],
    ['neighbour noise', '', '邻居装修噪音太大', { category: 'neighbour', subcategory: 'noise', track: 'general', confidence: 'high' }],
    ['light', '相邻采光纠纷', '邻居加盖房屋影响采光，双方多次争吵。', { category: 'neighbour', subcategory: 'light_ventilation', track: 'general', confidence: 'high' }],
    ['misdiagnosis', '', '在县医院做完手术后一直发烧，怀疑医生误诊。', { category: 'medical', subcategory: 'misdiagnosis', track: 'general', confidence: 'high' }],
    ['prepaid card', '', '在美容店办了预付卡，现在店关门了也不退款。', { category: 'consumer', subcategory: 'prepaid_card', track: 'general', confidence: 'high' }],
    ['fake goods', '买到假茶叶', '在茶叶店买的龙井是假货。', { category: 'consumer', subcategory: 'product_quality', track: 'general', confidence: 'high' }],
    ['scrape between cars', '纠纷', '两车剐蹭后就赔偿金额发生争执。', { category: 'traffic', subcategory: 'vehicle_damage', track: 'general', confidence: 'high' }],
    ['hit by a car', '', '骑电动车被小轿车撞伤，交警认定对方全责。', { category: 'traffic', subcategory: 'traffic_injury', track: 'general', confidence: 'high' }],
    ['private loan', '', '朋友借了我5万元，打了借条，到期一直不还。', { category: 'commercial', subcategory: 'private_loan', track: 'general', confidence: 'high' }],
    ['goods payment', '货款纠纷', '供货方催讨货款5万元，采购方称货物有质量问题。', { category: 'commercial', subcategory: 'sales_contract', track: 'general', confidence: 'high' }],
    ['contracted land', '', '邻村村民强占我家承包地种庄稼。', { category: 'land', subcategory: 'contracted_land', track: 'general', confidence: 'high' }],
    ['forest', '', '两个村民小组因山林权属发生争议。', { category: 'land', subcategory: 'forest_land', track: 'general', confidence: 'high' }],
    ['expropriation', '', '征地补偿款分配不公，村民要求重新分配。', { category: 'land', subcategory: 'land_expropriation', track: 'general', confidence: 'high' }],
  ])('%s', (_, title, description, expected) => {
    expect(run(title, description)).toMatchObject(expected);
  });

  it.each<[string, Pick<Classification, 'category' | 'confidence'>]>([
    // Lending to a neighbour: the loan decides, but the neighbour keeps it from being certain.
    ['借钱给邻居盖房子，现在一直不还', { category: 'commercial', confidence: 'medium' }],
    // A hospital alone says little about what went wrong.
    ['在医院看病时和护士发生不愉快', { category: 'medical', confidence: 'medium' }],
    // "从楼上跳下去" is about a roof, not a neighbour: context words alone stay low.
    ['如果再不给钱我就从楼上跳下去', { category: 'neighbour', confidence: 'low' }],
    // Cooking fumes from downstairs: environment more than neighbours, but neither is decisive.
    ['楼下饭店油烟太大', { category: 'other', confidence: 'medium' }],
  ])('ambiguous: %s', (description, expected) => {
    expect(run('', description)).toMatchObject(expected);
  });

  it.each([
    ['nothing to go on', '', ''],
    ['an empty description', '求助', ''],
    ['text no rule knows', '反映问题', '希望有关部门尽快处理。'],
  ])('falls back to other/low on %s', (_, title, description) => {
    expect(run(title, description)).toEqual({ category: 'other', subcategory: null, track: 'general', confidence: 'low', scores: [], matched: [] });
  });

  it('classifies on the title when the description is empty', () => {
    expect(run('拖欠工资', '')).toMatchObject({ category: 'labor', subcategory: 'wage_arrears', matched: ['拖欠工资'] });
  });

  it('leaves the subcategory open when only category-level keywords match', () => {
    expect(run('', '物业公司态度很差，业主意见很大')).toMatchObject({ category: 'property_management', subcategory: null, track: 'property' });
  });

  it('lists every category that scored, best first, and the matched keywords in text order', () => {
    const result = run('讨要工程款', '申请人称包工头欠款不还');
    expect(result.scores).toEqual([
      { category: 'commercial', score: 14 },
      { category: 'labor', score: 5 },
    ]);
    expect(result.matched).toEqual(['工程款', '包工头', '欠款']);
  });

  it('gives a longer overlapping keyword of another category precedence: 宅基地边界 is a neighbour dispute', () => {
    const result = run('宅基地边界纠纷', '网格员发现两户村民因宅基地边界发生争执。');
    expect(result).toMatchObject({ category: 'neighbour', subcategory: 'boundary' });
    expect(result.scores.map((s) => s.category)).toEqual(['neighbour']);
  });

  it('still sees the shorter keyword where it stands alone: building on a homestead is a land dispute', () => {
    expect(run('', '在自家宅基地上建房被邻居阻拦')).toMatchObject({ category: 'land', subcategory: 'homestead' });
  });

  it('matches across stray spaces and full-width characters', () => {
    expect(run('', '老板 拖欠 工资 三个月')).toMatchObject({ category: 'labor', subcategory: 'wage_arrears', matched: expect.arrayContaining(['拖欠工资']) });
    const ktv = only([{ id: 'ktv', category: 'neighbour', subcategory: 'noise', keywords: ['KTV'], weight: 8 }]);
    expect(classify({ title: '', description: '楼下ＫＴＶ每天唱到凌晨' }, ktv)).toMatchObject({ category: 'neighbour', matched: ['ktv'] });
  });

  it('does not treat a negation as a denial: "没有工资" is the grievance', () => {
    expect(run('', '干了三个月没有工资')).toMatchObject({ category: 'labor', subcategory: 'wage_arrears' });
  });
});

describe('classify scoring', () => {
  const wages = only([
    { id: 'strong', category: 'labor', subcategory: 'wage_arrears', keywords: ['拖欠工资'], weight: 9 },
    { id: 'weak', category: 'labor', subcategory: 'wage_arrears', keywords: ['工资'], weight: 5 },
  ]);

  it.each<[string, string, number, string[]]>([
    ['the longer keyword only, where they overlap', '老板拖欠工资', 9, ['拖欠工资']],
    ['both, where the shorter also stands alone', '老板拖欠工资，工资条也不给', 14, ['拖欠工资', '工资']],
    ['a repeated keyword once', '工资工资，还是工资', 5, ['工资']],
    ['nothing for no match', '老板跑了', 0, []],
  ])('counts %s', (_, description, score, matched) => {
    const result = classify({ title: '', description }, wages);
    expect(result.scores).toEqual(score ? [{ category: 'labor', score }] : []);
    expect(result.matched).toEqual(matched);
  });

  it('at equal length, the earlier of two overlapping keywords wins', () => {
    const rules = only([
      { id: 'a', category: 'labor', keywords: ['工资'], weight: 5 },
      { id: 'b', category: 'commercial', keywords: ['资金'], weight: 5 },
    ]);
    expect(classify({ title: '', description: '工资金额' }, rules).matched).toEqual(['工资']);
  });

  it('counts a keyword listed in two rules of one category once, at its best weight, but for both rules', () => {
    const rules = only([
      { id: 'a', category: 'labor', subcategory: 'contract_termination', keywords: ['赔偿金'], weight: 3 },
      { id: 'b', category: 'labor', subcategory: 'work_injury', keywords: ['赔偿金', '工伤'], weight: 6 },
    ]);
    const result = classify({ title: '', description: '工伤赔偿金' }, rules);
    expect(result.scores).toEqual([{ category: 'labor', score: 12 }]);
    expect(result.subcategory).toBe('work_injury');
  });

  it('picks the subcategory of the best-scoring rule, the earlier rule on a tie', () => {
    const rules = only([
      { id: 'dv', category: 'marriage_family', subcategory: 'domestic_violence', keywords: ['家暴'], weight: 9 },
      { id: 'divorce', category: 'marriage_family', subcategory: 'divorce', keywords: ['离婚'], weight: 9 },
      { id: 'custody', category: 'marriage_family', subcategory: 'custody', keywords: ['抚养费', '探视'], weight: 6 },
    ]);
    expect(classify({ title: '', description: '家暴，要离婚' }, rules).subcategory).toBe('domestic_violence');
    expect(classify({ title: '', description: '离婚后不给抚养费也不让探视' }, rules).subcategory).toBe('custody');
  });

  it.each<[string, string, 'high' | 'medium' | 'low']>([
    ['one decisive keyword', '拖欠工资', 'high'],
    ['a winner with a close runner-up', '拖欠工资 借款', 'medium'],
    ['a tie', '工资 借条', 'low'],
    ['context words only', '上班', 'low'],
  ])('confidence for %s is %s', (_, description, confidence) => {
    const rules = only([
      { id: 'w', category: 'labor', keywords: ['拖欠工资'], weight: 9 },
      { id: 'x', category: 'labor', keywords: ['工资'], weight: 6 },
      { id: 'l', category: 'commercial', keywords: ['借款', '借条'], weight: 6 },
      { id: 'c', category: 'labor', keywords: ['上班'], weight: 3 },
    ]);
    expect(classify({ title: '', description }, rules).confidence).toBe(confidence);
  });

  describe('hints', () => {
    const rules = only([
      { id: 'l', category: 'labor', keywords: ['工资'], weight: 6 },
      { id: 'c', category: 'commercial', keywords: ['借条'], weight: 6 },
    ]);

    it('stands in, with low confidence, when nothing matches', () => {
      expect(classify({ title: '诉前调解', description: '', hints: { category: 'commercial' } }, rules)).toMatchObject({ category: 'commercial', track: 'general', confidence: 'low', subcategory: null });
    });

    it('breaks a tie', () => {
      const result = classify({ title: '', description: '工资打了借条', hints: { category: 'commercial' } }, rules);
      expect(result.category).toBe('commercial');
      expect(result.scores[0].category).toBe('commercial');
    });

    it('never overrides a clear winner', () => {
      expect(classify({ title: '', description: '工资', hints: { category: 'commercial' } }, rules).category).toBe('labor');
    });

    it('is ignored when it is no category', () => {
      expect(classify({ title: '', description: '', hints: { category: 'no_such' } }, rules).category).toBe('other');
    });
  });

  it('works on rules that went through validation and JSON, as an admin saves them', () => {
    const checked = validateRules(JSON.parse(JSON.stringify(DEFAULT_RULES)));
    if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
    expect(classify({ title: '', description: '邻居装修噪音太大' }, checked.rules)).toEqual(run('', '邻居装修噪音太大'));
  });
});
