import { negotiateLanguage } from './language';

describe('negotiateLanguage', () => {
  it.each([
    [undefined, 'zh'],
    ['', 'zh'],
    ['en', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh'],
    ['en;q=0.5, zh-TW;q=0.8', 'zh'],
    ['fr-FR, en;q=0.3', 'en'],
    ['fr, de', 'zh'],
    ['en;q=0, zh;q=0.1', 'zh'],
    ['EN-gb', 'en'],
    ['en;q=abc', 'zh'],
  ])('%j → %s', (header, lang) => {
    expect(negotiateLanguage(header as string | undefined)).toBe(lang);
  });
});
