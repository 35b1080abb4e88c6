// MariaDB GTID positions: `domain-server-seq` per replication domain, comma-separated. Each facility writes
// in its own domain (its 7-digit code), so a position's entry for that domain says how far the facility's
// own transactions have come, whatever else the position holds.

export interface Gtid {
  domain: number;
  server: number;
  seq: number;
}

export function parsePosition(position: string): Gtid[] {
  const text = position.trim();
  if (!text) return [];
  return text.split(',').map((part) => {
    const match = /^\s*(\d+)-(\d+)-(\d+)\s*$/.exec(part);
    if (!match) throw new Error(`Not a GTID position: ${position}`);
    return { domain: Number(match[1]), server: Number(match[2]), seq: Number(match[3]) };
  });
}

export function formatPosition(gtids: readonly Gtid[]): string {
  return [...gtids]
    .sort((a, b) => a.domain - b.domain)
    .map((g) => `${g.domain}-${g.server}-${g.seq}`)
    .join(',');
}

/** The sequence number reached in `domain` (0 when the position has none). */
export function seqIn(position: string, domain: number): number {
  return parsePosition(position).find((g) => g.domain === domain)?.seq ?? 0;
}

/** The entry of `domain` in `position`, or undefined. */
export function entryOf(position: string, domain: number): Gtid | undefined {
  return parsePosition(position).find((g) => g.domain === domain);
}

/** `position` with `domain`'s entry replaced by `entry` (or removed when there is none). */
export function withEntry(position: string, domain: number, entry: Gtid | undefined): string {
  const others = parsePosition(position).filter((g) => g.domain !== domain);
  return formatPosition(entry ? [...others, entry] : others);
}
