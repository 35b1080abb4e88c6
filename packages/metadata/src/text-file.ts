import fs from 'node:fs';

/** A configuration file that is not UTF-8 (saved as Latin-1 or Windows-1252, most often). */
export class NotUtf8Error extends Error {
  constructor(readonly line: number) {
    super('Not UTF-8: save the file as UTF-8 (Latin-1 "ç" and "ã" would load as garbled text)');
  }
}

const strict = new TextDecoder('utf-8', { fatal: true });

/** A file's text, refusing bytes that are not UTF-8 with the line they are on. */
export function readUtf8(file: string): string {
  const bytes = fs.readFileSync(file);
  try {
    return strict.decode(bytes);
  } catch {
    let start = 0;
    for (let line = 1; ; line++) {
      const end = bytes.indexOf(0x0a, start);
      try {
        strict.decode(bytes.subarray(start, end < 0 ? bytes.length : end));
      } catch {
        throw new NotUtf8Error(line);
      }
      start = end + 1;
    }
  }
}
