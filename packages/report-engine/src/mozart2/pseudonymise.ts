import crypto from 'node:crypto';
import fs from 'node:fs';

// NIDs and other identifiers are replaced by HMAC-SHA256(key, value) in hex. The same key gives the
// same value in every run, so incremental upserts, reconciliation and joins across runs keep working.
// The HMAC is written as SQL (SHA2 over the key's inner and outer pads) so the same-server path can
// stay a single INSERT … SELECT; the key itself is never written to the central database.

export const PSEUDONYMISE_KEY_ENV = 'MOZART2_PSEUDONYMISE_KEY';
export const PSEUDONYMISE_KEY_FILE_ENV = 'MOZART2_PSEUDONYMISE_KEY_FILE';

const BLOCK = 64;

export class Pseudonymiser {
  private readonly inner: string;
  private readonly outer: string;

  constructor(private readonly key: Buffer) {
    if (key.length === 0) throw new Error('The pseudonymisation key is empty');
    // RFC 2104: keys longer than the block are hashed first, shorter ones zero-padded.
    const k = Buffer.alloc(BLOCK);
    (key.length > BLOCK ? crypto.createHash('sha256').update(key).digest() : key).copy(k);
    this.inner = Buffer.from(k.map((b) => b ^ 0x36)).toString('hex');
    this.outer = Buffer.from(k.map((b) => b ^ 0x5c)).toString('hex');
  }

  /** HMAC-SHA256 of a value, lower-case hex: what the SQL expression yields. */
  hash(value: string): string {
    return crypto.createHmac('sha256', this.key).update(value, 'utf8').digest('hex');
  }

  /** SQL computing hash(expr) on the server (MySQL 5.7+/MariaDB 10.3+). */
  sql(expr: string): string {
    return (
      `SHA2(CONCAT(UNHEX('${this.outer}'), UNHEX(SHA2(CONCAT(UNHEX('${this.inner}'), ` +
      `CONVERT(${expr} USING utf8mb4)), 256))), 256)`
    );
  }

  /** Identifies the key without revealing it, so a reconcile with another key is caught. */
  fingerprint(): string {
    return this.hash('mozart2 key fingerprint').slice(0, 16);
  }
}

/** The key from the option, else $MOZART2_PSEUDONYMISE_KEY, else the file in $MOZART2_PSEUDONYMISE_KEY_FILE. */
export function loadPseudonymiser(option?: string | Buffer): Pseudonymiser | undefined {
  if (option !== undefined) return new Pseudonymiser(Buffer.isBuffer(option) ? option : Buffer.from(option, 'utf8'));
  const fromEnv = process.env[PSEUDONYMISE_KEY_ENV];
  if (fromEnv) return new Pseudonymiser(Buffer.from(fromEnv, 'utf8'));
  const file = process.env[PSEUDONYMISE_KEY_FILE_ENV];
  if (file) return new Pseudonymiser(readKeyFile(file));
  return undefined;
}

export function readKeyFile(file: string): Buffer {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read the pseudonymisation key file ${file}: ${(error as Error).message}`);
  }
  return Buffer.from(text.trim(), 'utf8');
}
