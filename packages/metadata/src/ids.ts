// Which primary key a new row gets: its EPTS id, or (to prove that nothing depends on integer ids)
// a seeded permutation of fresh ids.

export type IdMode = 'epts' | { shuffleSeed: number };

/** mulberry32: a small, well-distributed seeded PRNG. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Ids for rows that carry an EPTS id, by uuid. When shuffling, the ids are `maxUsed + 1 …
 * maxUsed + n` in a seeded order, where maxUsed covers both the table and the EPTS ids, so no row
 * can keep its EPTS id by chance.
 */
export function assignIds(
  mode: IdMode,
  rows: ReadonlyArray<{ uuid: string; eptsId: number }>,
  maxIdInTable: number,
): Map<string, number> {
  if (mode === 'epts') return new Map(rows.map((r) => [r.uuid.toLowerCase(), r.eptsId]));
  const base = Math.max(maxIdInTable, ...rows.map((r) => r.eptsId));
  const fresh = rows.map((_, i) => base + 1 + i);
  const next = random(mode.shuffleSeed);
  for (let i = fresh.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [fresh[i], fresh[j]] = [fresh[j], fresh[i]];
  }
  return new Map(rows.map((r, i) => [r.uuid.toLowerCase(), fresh[i]]));
}
