export type Lang = 'zh' | 'en';

/**
 * Picks zh or en from Accept-Language by q-value. Chinese is the default: the people at the
 * desk read Chinese; integration engineers who prefer English say so in the header.
 */
export function negotiateLanguage(header: string | undefined): Lang {
  if (!header) return 'zh';
  let best: { lang: Lang; q: number } | undefined;
  for (const part of header.split(',')) {
    const [tag, ...params] = part.trim().toLowerCase().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    const primary = tag.split('-')[0];
    const lang: Lang | undefined = primary === 'zh' ? 'zh' : primary === 'en' ? 'en' : undefined;
    if (lang && (!best || q > best.q)) best = { lang, q };
  }
  return best?.lang ?? 'zh';
}
