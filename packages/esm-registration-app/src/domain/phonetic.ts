// A phonetic key for names as written in Mozambique: Portuguese spelling plus the Bantu orthographies of
// the south and centre, where the same sound is written several ways (Machava/Matxava, Cossa/Kossa,
// Zandamela/Sandamela, Guambe/Gwambe, Mondlane/Mondhlane). Names that sound alike get equal or close keys.

const RULES: [RegExp, string][] = [
  [/ç/g, 's'],
  [/ph/g, 'f'],
  [/(tch|tx|ch|sh|x)/g, 'X'],
  [/dj/g, 'j'],
  [/lh/g, 'li'],
  [/nh/g, 'ni'],
  [/dh/g, 'd'],
  [/hl/g, 'l'],
  [/qu(?=[ei])/g, 'k'],
  // G: the hard g of gue/gui, kept apart from the g of ge/gi (a j).
  [/gu(?=[ei])/g, 'G'],
  [/c(?=[eiy])/g, 's'],
  [/g(?=[eiy])/g, 'j'],
  [/(qu|ck|q|c)/g, 'k'],
  [/z/g, 's'],
  [/y/g, 'i'],
  [/w/g, 'u'],
  [/h/g, ''],
  [/m(?=[^aeiou]|$)/g, 'n'],
  [/([a-zGX])\1+/g, '$1'],
];

/** Lower case without diacritics (ç kept: it is a sound, not an accent). */
export function foldName(name: string): string {
  return name
    .toLowerCase()
    .replace(/ç/g, '\u0000')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\u0000/g, 'ç')
    .replace(/[^a-zç]/g, '');
}

export function phoneticKey(name: string): string {
  let key = foldName(name);
  for (const [pattern, replacement] of RULES) key = key.replace(pattern, replacement);
  // Final unstressed vowels are often written o/u and e/i interchangeably.
  return key.replace(/o$/, 'u').replace(/e$/, 'i');
}

/** Levenshtein similarity of two keys, 0 (nothing in common) to 1 (equal). */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  if (!a || !b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return 1 - previous[b.length] / Math.max(a.length, b.length);
}

/** Name similarity by sound: 1 for Matxava ~ Machava, lower the more the sounds differ. */
export function soundsLike(a: string, b: string): number {
  return similarity(phoneticKey(a), phoneticKey(b));
}

// The spellings clerks use for the same opening sound, each valid before what follows it.
const OPENINGS: [RegExp, string[]][] = [
  [/^(tch|tx|ch|sh|x)/, ['ch', 'x', 'tx']],
  [/^(qu|k)(?=[ei])/, ['qu', 'k']],
  [/^(qu|kw|cu)(?=[ao])/, ['qu', 'kw', 'cu']],
  [/^(c|k)(?=[aou])/, ['c', 'k']],
  [/^(gu|g)(?=[ei])/, ['gu', 'g']],
  [/^(gu|gw)(?=[ao])/, ['gu', 'gw']],
  [/^(s|c|z)(?=[ei])/, ['s', 'c', 'z']],
  [/^(s|z|ç)/, ['s', 'z']],
  [/^(y|i)/, ['i', 'y']],
  [/^(w|u)/, ['u', 'w']],
  [/^h(?=[aeiou])/, ['h', '']],
  [/^(?=[aeo])/, ['', 'h']],
];

/**
 * The prefixes (`length` letters) under which a name may have been written: its own, and the same name
 * with its opening sound spelt another way (Chongo → Xongo, Txongo; Kossa → Cossa; Gwambe → Guambe).
 */
export function spellingPrefixes(name: string, length = 3): string[] {
  const folded = foldName(name);
  const prefixes = new Set([folded.slice(0, length)]);
  const rule = OPENINGS.find(([pattern]) => pattern.test(folded));
  if (rule) {
    const rest = folded.replace(rule[0], '');
    for (const spelling of rule[1]) prefixes.add((spelling + rest).slice(0, length));
  }
  return [...prefixes].filter((p) => p.length > 0);
}
