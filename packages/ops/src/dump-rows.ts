import { Transform, type TransformCallback } from 'node:stream';

// Counts the rows of each table in a mariadb-dump stream as it passes, without holding it: the backup
// records them, the restore counts again and compares, so a file that lost rows (truncated, edited) is
// refused. mariadb-dump writes `INSERT INTO `t` VALUES` then `(…),(…);` (on the same line, or on the next as
// Debian's mariadb-dump 10.11 does) with strings in single quotes and backslash escapes; a row is a parenthesised
// tuple at the top level of the VALUES list.

const INSERT = Buffer.from('INSERT INTO `');
/** Written (commented out) by --master-data=2 --gtid: the source's GTID position at the dump's snapshot. */
const GTID = Buffer.from("-- SET GLOBAL gtid_slave_pos='");

/** A pass-through stream that counts rows per table in the SQL flowing through it. */
export class DumpRowCounter extends Transform {
  readonly rows = new Map<string, number>();
  /** Whether the stream ended with mariadb-dump's "-- Dump completed" line (a cut dump does not). */
  complete = false;
  /** The source's GTID position at the snapshot, when the dump recorded it ('' otherwise). */
  gtidPosition = '';
  private tail = Buffer.alloc(0);
  private table: string | null = null;
  /** Bytes of the current line start, while an INSERT is recognised. */
  private head: number[] = [];
  private atLineStart = true;
  private inString = false;
  private escaped = false;
  private depth = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    for (let i = 0; i < chunk.length; i++) this.step(chunk[i]);
    this.tail = Buffer.concat([this.tail, chunk.subarray(-128)]).subarray(-128);
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    this.complete = /\n-- Dump completed[^\n]*\n?$/.test(this.tail.toString('latin1'));
    done();
  }

  private step(byte: number): void {
    if (this.table === null) {
      this.recogniseInsert(byte);
      return;
    }
    if (this.inString) {
      if (this.escaped) this.escaped = false;
      else if (byte === 0x5c /* \ */) this.escaped = true;
      else if (byte === 0x27 /* ' */) this.inString = false;
      return;
    }
    if (byte === 0x27) this.inString = true;
    else if (byte === 0x28 /* ( */) {
      if (this.depth++ === 0) this.rows.set(this.table, (this.rows.get(this.table) ?? 0) + 1);
    } else if (byte === 0x29 /* ) */) this.depth--;
    else if (byte === 0x3b /* ; */ && this.depth === 0) {
      this.table = null;
      this.atLineStart = false;
    }
  }

  /**
   * Follows the bytes of a line start until they prove or disprove `INSERT INTO `name` VALUES` (or the
   * GTID position line).
   */
  private recogniseInsert(byte: number): void {
    if (byte === 0x0a) {
      this.recogniseGtid();
      this.atLineStart = true;
      this.head = [];
      return;
    }
    if (!this.atLineStart) return;
    this.head.push(byte);
    const n = this.head.length;
    const prefix = this.head[0] === GTID[0] ? GTID : INSERT;
    if (n <= prefix.length) {
      if (byte !== prefix[n - 1]) this.atLineStart = false;
      return;
    }
    if (prefix === GTID) {
      if (n > 4096) this.atLineStart = false;
      return;
    }
    const text = Buffer.from(this.head).toString('utf8');
    const match = /^INSERT INTO `((?:[^`]|``)+)` VALUES$/.exec(text);
    if (match) {
      this.table = match[1].replace(/``/g, '`');
      this.depth = 0;
      this.head = [];
    } else if (n > 200 || /` [^V]/.test(text.slice(INSERT.length))) {
      this.atLineStart = false;
    }
  }

  private recogniseGtid(): void {
    if (!this.atLineStart || this.head[0] !== GTID[0] || this.head.length <= GTID.length) return;
    const match = /^-- SET GLOBAL gtid_slave_pos='([0-9,-]*)';$/.exec(Buffer.from(this.head).toString('latin1'));
    if (match) this.gtidPosition = match[1];
  }
}
