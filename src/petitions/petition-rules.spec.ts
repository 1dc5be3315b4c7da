import { OFFICIAL_CALENDAR_2025_2026, OFFICIAL_CALENDAR_YEARS } from '../deadlines/calendar-data';
import { BusinessCalendar } from '../deadlines/period';
import {
  checkClosure, checkRequestDate, DIVERSION_ROADS, diversionAllowed, jaccard, MANUAL_DIVERSION_ROADS, RepeatMatchInput, RepeatRuleCode, requestWindow, sameOrgan, selectRepeatRule, textBigrams,
} from './petition-rules';
import type { PetitionStatus } from './petition-status';

const calendar = new BusinessCalendar(OFFICIAL_CALENDAR_2025_2026, OFFICIAL_CALENDAR_YEARS);

describe('repeat rule selection', () => {
  const m = (status: PetitionStatus, number = `XF-${status}`, higherOrgan = false): RepeatMatchInput => ({ status, number, higherOrgan });

  it.each<[string, RepeatMatchInput[], RepeatRuleCode | null, boolean, string]>([
    ['nothing earlier', [], null, false, ''],
    ['only statuses that were never accepted here', [m('received'), m('transferred'), m('diverted'), m('declined')], null, false, ''],
    ['final after 复核: not accepted again (X7)', [m('final')], 'final', true, '信访工作条例 第三十六条第三款'],
    ['accepted and being handled', [m('accepted')], 'in_progress', false, '信访工作条例 第十九条第三款'],
    ['under review', [m('under_review')], 'in_progress', false, '信访工作条例 第十九条第三款'],
    ['under re-review', [m('under_re_review')], 'in_progress', false, '信访工作条例 第十九条第三款'],
    ['answered: the road is 复查', [m('replied')], 'review_available', false, '信访工作条例 第三十五条'],
    ['reviewed: the road is 复核', [m('reviewed')], 're_review_available', false, '信访工作条例 第三十六条第一款'],
    ['closed', [m('closed')], 'concluded', false, '信访工作条例 第三十五条、第三十六条'],
    ['final wins over anything else', [m('replied'), m('accepted'), m('final', 'XF-F')], 'final', true, '信访工作条例 第三十六条第三款'],
    ['in progress wins over an answer', [m('replied'), m('under_review', 'XF-R')], 'in_progress', false, '信访工作条例 第十九条第三款'],
  ])('%s', (_, matches, code, refuse, basis) => {
    const rule = selectRepeatRule(matches);
    if (code === null) return expect(rule).toBeNull();
    expect(rule).toMatchObject({ code, refuse, basis });
  });

  it('names the earlier petition the rule comes from', () => {
    expect(selectRepeatRule([m('replied', 'XF-1'), m('final', 'XF-2')])).toMatchObject({ earlierNumber: 'XF-2', guidance: expect.stringContaining('XF-2') });
  });

  it('tells a higher organ it does not accept what a lower one is handling (Art.19 ¶3)', () => {
    expect(selectRepeatRule([m('accepted', 'XF-1', true)])!.guidance).toContain('上级机关不予受理');
    expect(selectRepeatRule([m('accepted', 'XF-1', false)])!.guidance).toContain('等待办理结果');
  });
});

describe('same matter', () => {
  it.each([
    [{ text: '清波街道办事处', unitId: null }, { text: '清波街道', unitId: null }, true],
    [{ text: '清波街道办事处', unitId: null }, { text: ' 清波街道 办事处 ', unitId: null }, true],
    [{ text: '清波街道办事处', unitId: null }, { text: '湖滨街道办事处', unitId: null }, false],
    [{ text: '清波街道', unitId: 'a' }, { text: '清波街道', unitId: 'b' }, false],
    [{ text: '街道', unitId: 'a' }, { text: '清波街道办事处', unitId: 'a' }, true],
    [{ text: '区', unitId: null }, { text: '区住建局', unitId: null }, false],
    [{ text: '杭州某某物业服务有限公司', unitId: null }, { text: '杭州某某物业服务有限公司（清波门小区）', unitId: null }, true],
  ])('%j and %j: %s', (a, b, same) => {
    expect(sameOrgan(a, b)).toBe(same);
  });

  it('takes bigrams as tj_bigrams does: lower case, no whitespace, by character', () => {
    expect([...textBigrams('拖欠 工资')].sort()).toEqual(['工资', '欠工', '拖欠'].sort());
    expect([...textBigrams('ABc')]).toEqual(['ab', 'bc']);
    expect(textBigrams('字').size).toBe(0);
    expect([...textBigrams('𠮷野家')]).toEqual(['𠮷野', '野家']);
  });

  it.each([
    [2, 2, 2, 1],
    [0, 2, 1, 0],
    [2, 3, 3, 0.5],
    [0, 0, 0, 0],
  ])('Jaccard of %i shared among %i and %i bigrams is %d', (inter, a, b, expected) => {
    expect(jaccard(inter, a, b)).toBeCloseTo(expected);
  });
});

describe('request windows for 复查 and 复核 (X5, X6)', () => {
  // 2026: 中秋 Sep 25–27 off; 国庆 Oct 1–7 off; make-up working days Sun Sep 20 and Sat Oct 10.
  it.each<['review' | 're_review', string, string, string | undefined]>([
    ['review', '2026-09-04', '2026-10-08', '2026-10-04'], // 30th day Sun 10-04 inside 国庆 → Thu 10-08
    ['review', '2026-08-21', '2026-09-20', undefined], // 30th day Sun 09-20 is a make-up working day: no roll
    ['re_review', '2026-08-26', '2026-09-28', '2026-09-25'], // 30th day Fri 09-25 中秋 → Mon 09-28
    ['review', '2026-09-10', '2026-10-10', undefined], // 30th day Sat 10-10, make-up working day: no roll
    ['re_review', '2026-11-02', '2026-12-02', undefined],
  ])('%s after receipt on %s: last day %s', (stage, receivedOn, lastDay, rolledFrom) => {
    const w = requestWindow(stage, receivedOn, calendar);
    expect(w).toMatchObject({ stage, receivedOn, lastDay, calendarIncomplete: false });
    expect(w.rolledFrom).toBe(rolledFrom);
    expect(w.basis).toBe(stage === 'review' ? '信访工作条例 第三十五条' : '信访工作条例 第三十六条第一款');
  });

  it.each([
    ['2026-09-04', { ok: true }],
    ['2026-10-08', { ok: true }],
    ['2026-10-09', { ok: false, reason: 'too_late' }],
    ['2026-09-03', { ok: false, reason: 'before_receipt' }],
  ])('a request on %s → %j', (requestedOn, result) => {
    expect(checkRequestDate(requestedOn, requestWindow('review', '2026-09-04', calendar))).toEqual(result);
  });
});

describe('closing', () => {
  const window = requestWindow('review', '2026-09-04', calendar);
  it.each([
    ['a suggestion, any time', { category: 'suggestion' as const, window: null, rating: null, today: '2026-09-05' }, true],
    ['a claim inside the window', { category: 'claim' as const, window, rating: null, today: '2026-10-08' }, false],
    ['a claim inside the window, petitioner dissatisfied', { category: 'claim' as const, window, rating: 'dissatisfied' as const, today: '2026-09-10' }, false],
    ['a claim inside the window, petitioner satisfied', { category: 'claim' as const, window, rating: 'satisfied' as const, today: '2026-09-10' }, true],
    ['a claim inside the window, basically satisfied', { category: 'claim' as const, window, rating: 'basically_satisfied' as const, today: '2026-09-10' }, true],
    ['a claim after the window', { category: 'claim' as const, window, rating: null, today: '2026-10-09' }, true],
    ['a claim whose delivery is unknown', { category: 'claim' as const, window: null, rating: null, today: '2026-12-01' }, false],
  ])('%s', (_, input, ok) => {
    const r = checkClosure(input);
    expect(r.ok).toBe(ok);
    if (!r.ok && input.window) expect(r.reason).toContain('2026-10-08');
  });
});

describe('diversion roads (诉访分离)', () => {
  it.each([
    ['litigation', 'claim', true],
    ['political_legal', 'claim', true],
    ['arbitration', 'claim', true],
    ['administrative', 'claim', true],
    ['discipline_inspection', 'accusation', true],
    ['discipline_inspection', 'claim', false],
    ['arbitration', 'accusation', false],
    ['police', 'accusation', true],
    ['litigation', 'suggestion', false],
  ] as const)('%s for a %s: %s', (road, category, allowed) => {
    expect(diversionAllowed(road, category)).toBe(allowed);
  });

  it('cites the 条例 for every road, and keeps 信访转调解 to its own route', () => {
    for (const road of Object.values(DIVERSION_ROADS)) expect(road.basis).toMatch(/^信访工作条例 第/);
    expect(DIVERSION_ROADS.political_legal.basis).toContain('第二十二条第二款');
    expect(MANUAL_DIVERSION_ROADS).not.toContain('people_mediation');
  });
});
