import { assessRisk, mentionedAmountFen, mentionedHeadcount, parseChineseNumber, RiskAssessment, RiskInput, shouldNotifyPolice } from './risk';
import { DEFAULT_RULES, RiskLevel, RiskRule, TriageRuleSet } from './rules';

const input = (over: Partial<RiskInput> = {}): RiskInput => ({
  title: '',
  description: '',
  parties: [{ side: 'applicant', vulnerable: [] }, { side: 'respondent', vulnerable: [] }],
  amountFen: null,
  priorVisits: 0,
  priorFailedMediation: false,
  category: null,
  ...over,
});
const assess = (over: Partial<RiskInput> = {}, rules: Pick<TriageRuleSet, 'risk' | 'thresholds'> = DEFAULT_RULES) => assessRisk(input(over), rules);
const codes = (r: RiskAssessment) => r.reasons.map((x) => x.code);
const parties = (n: number, side: 'applicant' | 'respondent' | 'agent' = 'applicant') => Array.from({ length: n }, () => ({ side, vulnerable: [] as string[] }));

describe('assessRisk with the default rules', () => {
  it.each<[string, Partial<RiskInput>, RiskLevel, string[]]>([
    ['collective wage arrears', { description: '包工头拖欠我们12个农民工三个月工资共计8万元' }, 'orange', ['collective_dispute', 'notable_amount']],
    ['collective wage arrears with the amount on the form', { description: '申请人等12名农民工在清波街道某工地务工，包工头李建军拖欠三个月工资共计8万元，多次讨要未果。', amountFen: 8_000_000, category: 'labor' }, 'orange', ['collective_dispute', 'notable_amount']],
    ['domestic violence with injury', { description: '丈夫长期家暴，昨天把我打伤住院，我要离婚', category: 'marriage_family' }, 'red', ['domestic_violence_injury']],
    ['domestic violence, expressly without injury', { description: '丈夫经常家暴，这次没有受伤，但我很害怕', category: 'marriage_family' }, 'orange', ['domestic_violence']],
    ['a self-harm threat', { description: '如果再不给钱我就从楼上跳下去' }, 'red', ['self_harm']],
    ['a self-harm threat over a construction debt', { title: '讨要工程款', description: '申请人称包工头欠款不还，如果这周再不给钱就从楼上跳下去。' }, 'red', ['self_harm']],
    ['a threat to kill', { description: '对方扬言再不还钱就拿刀砍死他全家' }, 'red', ['threat_violence', 'heated_conflict']],
    ['arson', { description: '他说要放火烧了我家的房子' }, 'red', ['threat_violence']],
    ['neighbour noise', { description: '邻居装修噪音太大', category: 'neighbour' }, 'blue', []],
    ['a shouting match', { description: '楼上住户夜间装修噪音扰民，双方发生口角，民警现场劝解后移交人民调解。' }, 'yellow', ['heated_conflict']],
    ['threats to block the gate', { description: '工人们扬言要去公司堵门、拉横幅' }, 'yellow', ['heated_conflict']],
    ['mediation that failed before', { description: '去年社区调解未果，对方仍不肯赔偿' }, 'yellow', ['prior_failed_mediation']],
    ['a petition by many', { description: '三十多户村民联名反映征地补偿问题' }, 'orange', ['collective_dispute']],
    ['a vulnerable party named in the text', { description: '独居老人被儿子赶出家门' }, 'orange', ['vulnerable_party']],
    ['repeated petitions named in the text', { description: '信访人多次上访未果' }, 'orange', ['collective_dispute', 'repeat_visit']],
    ['a claim of one million yuan', { description: '索赔100万元' }, 'orange', ['large_amount']],
  ])('%s → %s', (_, over, level, expected) => {
    const result = assess(over);
    expect(result.level).toBe(level);
    expect(codes(result)).toEqual(expected);
  });

  it.each([
    ['bargaining', '商家砍价后又不认账，秒杀的商品也不发货'],
    ['felling trees', '林场砍伐了我家承包山林的树木'],
    ['fear of retaliation', '员工担心被打击报复，不敢投诉'],
    ['fried food', '买的炸鸡吃坏了肚子'],
    ['a butchered pig', '杀猪的钱一直没结'],
    ['collective land', '村集体土地被占用'],
    ['a denied suicide', '他说没有自杀的想法，只想要回工钱'],
  ])('does not raise the alarm for %s', (_, description) => {
    expect(assess({ description }).level).toBe('blue');
  });

  it('reports self-harm once, not also as a threat to kill (自杀 contains 杀)', () => {
    expect(codes(assess({ description: '他扬言要自杀' }))).toEqual(['self_harm', 'heated_conflict']);
  });

  it('quotes the evidence in the words the clerk typed, cut at the sentence', () => {
    const [reason] = assess({ description: '双方结婚十年。丈夫长期家暴，昨天把我打伤住院！我要离婚' }).reasons;
    expect(reason).toMatchObject({ code: 'domestic_violence_injury', level: 'red', evidence: '丈夫长期家暴，昨天把我打伤住院' });
    expect(reason.description).toContain('人身安全保护令');
  });

  it('quotes a long sentence around the match only', () => {
    const [reason] = assess({ description: '申请人称其多年来一直在外地打工，包工头欠款不还，如果这周再不给钱就从楼上跳下去，希望政府帮忙' }).reasons;
    expect(reason.evidence).toBe('…如果这周再不给钱就从楼上跳下去，希望政府帮忙');
  });

  describe('signals', () => {
    it.each<[string, Partial<RiskInput>, string[], string | undefined]>([
      ['five applicants', { parties: parties(5) }, ['collective_dispute'], '申请人一方 5 人'],
      ['five respondents', { parties: [...parties(1), ...parties(5, 'respondent')] }, ['collective_dispute'], '被申请人一方 5 人'],
      ['four applicants', { parties: parties(4) }, [], undefined],
      ['four applicants and their agent', { parties: [...parties(4), ...parties(1, 'agent')] }, [], undefined],
      ['two earlier visits', { priorVisits: 2 }, ['repeat_visit'], '此前来访 2 次'],
      ['one earlier visit', { priorVisits: 1 }, [], undefined],
      ['failed mediation on the form', { priorFailedMediation: true }, ['prior_failed_mediation'], '登记时注明此前调解未成功'],
      ['100,000 yuan', { amountFen: 10_000_000 }, ['large_amount'], '金额 100,000.00 元'],
      ['99,999.99 yuan', { amountFen: 9_999_999 }, ['notable_amount'], '金额 99,999.99 元'],
      ['10,000 yuan', { amountFen: 1_000_000 }, ['notable_amount'], '金额 10,000.00 元'],
      ['9,999.99 yuan', { amountFen: 999_999 }, [], undefined],
      ['the form amount over the text', { amountFen: 500_000, description: '对方索赔100万元' }, [], undefined],
    ])('%s', (_, over, expected, evidence) => {
      const result = assess(over);
      expect(codes(result)).toEqual(expected);
      expect(result.reasons[0]?.evidence).toBe(evidence);
    });

    it('takes vulnerable flags from the parties, not from their agents, and ignores unknown flags', () => {
      const result = assess({
        parties: [
          { side: 'applicant', vulnerable: ['elderly_alone', 'disabled'] },
          { side: 'respondent', vulnerable: ['released_prisoner', 'no_such_flag'] },
          { side: 'agent', vulnerable: ['serious_illness'] },
        ],
      });
      expect(result).toEqual({
        level: 'orange',
        reasons: [expect.objectContaining({ code: 'vulnerable_party', evidence: '申请人：独居/孤寡老人、残疾人；被申请人：刑满释放人员' })],
      });
      expect(assess({ parties: [{ side: 'agent', vulnerable: ['minor'] }, { side: 'applicant', vulnerable: ['no_such_flag'] }] }).reasons).toEqual([]);
    });

    it('gives the signal and the text as evidence when both hold', () => {
      const [reason] = assess({ parties: parties(6), description: '我们几十个人联名反映' }).reasons;
      expect(reason.evidence).toBe('申请人一方 6 人；我们几十个人联名反映');
    });
  });

  describe('category-specific notes (DOMAIN.md F3)', () => {
    it('notes the divorce restriction in a family case when a pregnancy is mentioned, without raising the level for it', () => {
      const result = assess({ description: '妻子怀孕五个月，丈夫坚持要离婚', category: 'marriage_family' });
      expect(codes(result)).toEqual(['vulnerable_party', 'divorce_restricted_pregnancy']);
      expect(result.reasons[1]).toMatchObject({ level: 'blue', description: expect.stringContaining('民法典第1082条') });
      expect(result.level).toBe('orange');
    });

    it('notes it for a party flagged pregnant', () => {
      const result = assess({ parties: [{ side: 'respondent', vulnerable: ['pregnant'] }], category: 'marriage_family' });
      expect(codes(result)).toEqual(['vulnerable_party', 'divorce_restricted_pregnancy']);
    });

    it('leaves it out for other categories and when the category is unknown', () => {
      expect(codes(assess({ description: '怀孕后被公司辞退', category: 'labor' }))).toEqual(['vulnerable_party']);
      expect(codes(assess({ description: '怀孕后被公司辞退' }))).toEqual(['vulnerable_party']);
    });
  });

  it('keeps only the most severe reason of a group: one amount, one reason', () => {
    const result = assess({ amountFen: 20_000_000 });
    expect(result.reasons).toEqual([expect.objectContaining({ code: 'large_amount', level: 'orange' })]);
  });

  it('orders reasons most severe first and takes the level from the first', () => {
    const result = assess({
      description: '对方多次威胁，说要拿刀砍人',
      parties: [{ side: 'applicant', vulnerable: ['minor'] }],
      priorFailedMediation: true,
      amountFen: 2_000_000,
    });
    expect(result.reasons.map((r) => r.level)).toEqual(['red', 'orange', 'yellow', 'yellow', 'yellow']);
    expect(codes(result)).toEqual(['threat_violence', 'vulnerable_party', 'prior_failed_mediation', 'notable_amount', 'heated_conflict']);
    expect(result.level).toBe('red');
  });

  it('is blue with no reasons for an empty text', () => {
    expect(assess()).toEqual({ level: 'blue', reasons: [] });
  });
});

describe('thresholds and rules are data', () => {
  it('uses the thresholds of the rule set', () => {
    const strict = { ...DEFAULT_RULES, thresholds: { ...DEFAULT_RULES.thresholds, collectivePartyCount: 3, repeatVisitCount: 1, notableAmountFen: 100_000 } };
    expect(codes(assess({ parties: parties(3), priorVisits: 1, amountFen: 100_000 }, strict))).toEqual(['collective_dispute', 'repeat_visit', 'notable_amount']);
    expect(codes(assess({ parties: parties(3), priorVisits: 1, amountFen: 100_000 }))).toEqual([]);
  });

  it('applies a rule an admin added', () => {
    const rule: RiskRule = { id: 'gas', level: 'red', code: 'gas_cylinder', keywords: ['煤气罐'], notifyPolice: true, description: '扬言使用煤气罐' };
    const result = assess({ description: '他把煤气罐搬到了门口' }, { ...DEFAULT_RULES, risk: [...DEFAULT_RULES.risk, rule] });
    expect(result).toEqual({ level: 'red', reasons: [{ code: 'gas_cylinder', level: 'red', description: '扬言使用煤气罐', evidence: '他把煤气罐搬到了门口', notifyPolice: true }] });
    expect(shouldNotifyPolice(result)).toBe(true);
  });

  it('needs one of alsoKeywords as well, when a rule has them', () => {
    const rules = { ...DEFAULT_RULES, risk: [{ id: 'x', level: 'orange', code: 'x', keywords: ['欠薪'], alsoKeywords: ['春节'], description: '节前欠薪' } satisfies RiskRule] };
    expect(codes(assess({ description: '春节前讨要欠薪' }, rules))).toEqual(['x']);
    expect(codes(assess({ description: '讨要欠薪' }, rules))).toEqual([]);
  });
});

describe('shouldNotifyPolice', () => {
  it.each<[string, Partial<RiskInput>, boolean]>([
    ['a threat of violence', { description: '扬言要和对方同归于尽' }, true],
    ['self-harm', { description: '说要喝农药' }, true],
    ['domestic violence with injury', { description: '家暴致其骨折' }, true],
    ['domestic violence without injury', { description: '长期家暴' }, false],
    ['a collective dispute', { parties: parties(20) }, false],
    ['nothing', { description: '邻居装修噪音太大' }, false],
  ])('%s → %s', (_, over, expected) => {
    expect(shouldNotifyPolice(assess(over))).toBe(expected);
  });

  it('ignores the flag on anything but a red reason', () => {
    expect(shouldNotifyPolice({ reasons: [{ code: 'x', level: 'orange', description: 'x', notifyPolice: true }] })).toBe(false);
    expect(shouldNotifyPolice({ reasons: [{ code: 'x', level: 'red', description: 'x' }] })).toBe(false);
  });

  it('does not notify for a red rule an admin left without notifyPolice', () => {
    const rules = { ...DEFAULT_RULES, risk: [{ id: 'x', level: 'red', code: 'x', keywords: ['杀'], description: 'x' } satisfies RiskRule] };
    const result = assess({ description: '要杀了他' }, rules);
    expect(result.level).toBe('red');
    expect(shouldNotifyPolice(result)).toBe(false);
  });
});

describe('numbers in the text', () => {
  it.each<[string, number]>([
    ['12', 12], ['8', 8], ['1.5万', 15_000], ['8万', 80_000], ['1,200', 1200], ['1万5千', 15_000],
    ['十', 10], ['十二', 12], ['二十', 20], ['一百二十', 120], ['三万五千', 35_000], ['两千', 2000],
    ['几十', 20], ['十几', 12], ['几', 2], ['一亿', 100_000_000],
  ])('%s → %d', (s, n) => {
    expect(parseChineseNumber(s)).toBe(n);
  });

  it.each<[string, number | null]>([
    ['12个农民工', 12], ['申请人等12名农民工', 12], ['十几个工人', 12], ['几十个人', 20], ['三十多户', 30], ['5位老人', 5],
    ['两个人', 2], ['拖欠三个月工资', null], ['两个人民调解员', null], ['', null],
  ])('headcount in %p is %p', (text, count) => {
    expect(mentionedHeadcount(text)?.count ?? null).toBe(count);
  });

  it.each<[string, number | null]>([
    ['共计8万元', 8_000_000], ['8万多元', 8_000_000], ['80,000元', 8_000_000], ['三千块', 300_000], ['1.5万元', 1_500_000],
    ['欠3000元，利息500元', 300_000], ['三单元', null], ['三个月', null],
  ])('amount in %p is %p fen', (text, fen) => {
    expect(mentionedAmountFen(text)?.fen ?? null).toBe(fen);
  });
});
