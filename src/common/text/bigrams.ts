/**
 * Character bigrams exactly as the database's tj_bigrams() computes them (lower case, whitespace
 * removed, by code point), in one pass: a description or a petition runs to thousands of characters.
 * Cases and petitions both find "the same dispute" by them.
 */
export function textBigrams(text: string): Set<string> {
  const chars = [...text.toLowerCase().replace(/\s+/g, '')];
  const out = new Set<string>();
  for (let i = 0; i < chars.length - 1; i++) out.add(chars[i] + chars[i + 1]);
  return out;
}

/** Jaccard similarity from the size of the intersection and of each set. */
export function jaccard(intersection: number, sizeA: number, sizeB: number): number {
  const union = sizeA + sizeB - intersection;
  return union > 0 ? intersection / union : 0;
}
