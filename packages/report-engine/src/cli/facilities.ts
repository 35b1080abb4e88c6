import fs from 'node:fs';
import { databaseLocation, type Credentials } from '@poc-emr/db';

/** One facility database to report on: where it is, and how the manifest names it. */
export interface FacilitySource {
  /** As given, with any password masked: safe to print and to write in the manifest. */
  display: string;
  label: string;
  database: string;
  credentials: Credentials;
}

/** A `mysql://user:pass@host:port/db` URL, or the name of a database on the local server. */
export function facilitySource(text: string, label?: string): FacilitySource {
  const location = databaseLocation(text);
  return { ...location, label: label ?? location.database };
}

/** A facilities file: one source per line (URL or local database name), an optional label after it, # comments. */
export function readFacilities(file: string): FacilitySource[] {
  const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/);
  const sources: FacilitySource[] = [];
  lines.forEach((line, i) => {
    const content = line.replace(/#.*/, '').trim();
    if (!content) return;
    const [source, ...label] = content.split(/\s+/);
    try {
      sources.push(facilitySource(source, label.join(' ') || undefined));
    } catch (error) {
      throw new Error(`${file}:${i + 1}: ${(error as Error).message}`);
    }
  });
  if (sources.length === 0) throw new Error(`${file} lists no facility database`);
  return sources;
}
