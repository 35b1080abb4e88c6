import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A minimal valid configuration covering every domain. */
export const FIXTURE = path.join(__dirname, 'fixture');

/** A private copy of the fixture, optionally with some files changed. */
export function fixtureCopy(edits: Record<string, (text: string) => string> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'metadata-'));
  fs.cpSync(FIXTURE, dir, { recursive: true });
  for (const [file, edit] of Object.entries(edits)) {
    const full = path.join(dir, file);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, edit(fs.existsSync(full) ? fs.readFileSync(full, 'utf8') : ''));
  }
  return dir;
}

/** Appends CSV lines. */
export const append =
  (...lines: string[]) =>
  (text: string): string =>
    text + lines.map((l) => `${l}\n`).join('');

/** Replaces a substring, failing loudly if it is not there. */
export const replace =
  (from: string, to: string) =>
  (text: string): string => {
    if (!text.includes(from)) throw new Error(`fixture does not contain "${from}"`);
    return text.replace(from, to);
  };
