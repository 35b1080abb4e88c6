// RFC 4180 CSV with the line number of every record, so that issues can point into the file.

export interface CsvRecord {
  /** 1-based line on which the record starts. */
  line: number;
  cells: string[];
}

export interface CsvTable {
  headers: string[];
  records: CsvRecord[];
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

/** Splits text into records; quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsvRecords(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let line = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; // byte-order mark
  while (i < text.length) {
    const start = line;
    const cells: string[] = [];
    for (;;) {
      let cell = '';
      if (text[i] === '"') {
        const quoteLine = line;
        i++;
        for (;;) {
          if (i >= text.length) throw new CsvSyntaxError(quoteLine, 'Unterminated quoted field');
          const c = text[i];
          if (c === '"') {
            if (text[i + 1] === '"') {
              cell += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (c === '\n') line++;
          cell += c;
          i++;
        }
        if (i < text.length && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
          throw new CsvSyntaxError(line, 'Unexpected character after a closing quote');
        }
      } else {
        while (i < text.length && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
          if (text[i] === '"') throw new CsvSyntaxError(line, 'Quote inside an unquoted field');
          cell += text[i++];
        }
      }
      cells.push(cell);
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '\r') i++;
      if (text[i] === '\n') {
        i++;
        line++;
      }
      break;
    }
    // Blank lines carry no record.
    if (!(cells.length === 1 && cells[0] === '')) records.push({ line: start, cells });
  }
  return records;
}

/** A header line plus records that all have its width; header names must be unique. */
export function parseCsv(text: string): CsvTable {
  const [head, ...records] = parseCsvRecords(text);
  if (!head) throw new CsvSyntaxError(1, 'Empty file: a header line is required');
  const headers = head.cells.map((h) => h.trim());
  const seen = new Set<string>();
  for (const h of headers) {
    if (seen.has(h)) throw new CsvSyntaxError(head.line, `Duplicate header "${h}"`);
    seen.add(h);
  }
  for (const r of records) {
    if (r.cells.length !== headers.length) {
      throw new CsvSyntaxError(r.line, `Expected ${headers.length} columns as in the header, found ${r.cells.length}`);
    }
  }
  return { headers, records };
}
