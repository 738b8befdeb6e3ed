/**
 * A light English stem, so that forms of one word meet: "mocked" and "mock", "generation" and
 * "generate", "copies" and "copy", "documented" and "document". Up to two suffixes come off
 * (plural, past tense, -ing, -ation, -er, -ment …), a doubled final consonant is undoubled and
 * a final "e" dropped. Only for comparing words with each other: the result is not always a word.
 */

/** Longest first; the stem that must remain before each. */
const suffixes: [string, number][] = [
  ['ations', 3], ['ation', 3], ['ments', 3], ['ings', 4], ['ment', 3], ['ance', 3], ['ence', 3],
  ['ing', 4], ['ies', 3], ['ied', 3], ['ers', 3], ['er', 3], ['ed', 3], ['es', 3], ['ly', 3], ['s', 3],
];

function stripOne(w: string): string | undefined {
  for (const [s, min] of suffixes) {
    if (!w.endsWith(s) || w.length - s.length < min) continue;
    if (s === 's' && /(?:ss|us|is)$/.test(w)) continue;
    let stem = w.slice(0, -s.length);
    if (s === 'ies' || s === 'ied') stem += 'y';
    if (s.startsWith('ation')) stem += 'at'; // generation → generat(e)
    // mapped → map, running → run; not pass, call, add
    if (/([b-df-hj-np-tv-z])\1$/.test(stem) && !/(?:ss|ll|zz|ff|dd)$/.test(stem)) stem = stem.slice(0, -1);
    return stem;
  }
  return undefined;
}

export function stemOf(word: string): string {
  let w = word.toLowerCase();
  if (!/^[a-z]+$/.test(w)) return w;
  for (let pass = 0; pass < 2; pass++) {
    const stripped = stripOne(w);
    if (stripped === undefined) break;
    w = stripped;
  }
  return w.length > 3 && w.endsWith('e') ? w.slice(0, -1) : w;
}
