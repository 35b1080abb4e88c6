#!/usr/bin/env tsx
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { cellKey, expectedCells } from '../output/cells';
import type { ReportDefinition } from '../report';
import { REPORTS } from '../reports';
import type { Dhis2Mapping } from './mapping';

/** Where the documented example mappings live. */
export const EXAMPLE_DIR = path.join(__dirname, '..', '..', 'mappings');

/** A well-formed placeholder uid derived from `seed`: stable, so the example only changes with the report. */
function placeholderUid(seed: string): string {
  const digits = crypto.createHash('sha256').update(seed).digest();
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return `X${[...digits.subarray(0, 10)].map((b) => alphabet[b % alphabet.length]).join('')}`;
}

/**
 * Every cell of `report` mapped to placeholder ids, and HD Manhiça to a placeholder orgUnit. SIS-MA's real
 * data element, category option combo and org unit uids come from the SIS-MA administrators.
 */
export function exampleMapping(report: ReportDefinition): Dhis2Mapping & { $comment: string } {
  return {
    $comment:
      'EXAMPLE ONLY: every uid here is a made-up placeholder. Replace dataSet, orgUnits, dataElement and categoryOptionCombo with the ids SIS-MA administrators give you.',
    report: report.id,
    dataSet: placeholderUid(`${report.id}/dataSet`),
    orgUnits: { '1100407': placeholderUid('orgUnit/1100407') },
    elements: expectedCells(report).map(({ indicator, options }) => ({
      indicator,
      options,
      dataElement: placeholderUid(`${report.id}/${indicator}`),
      categoryOptionCombo: placeholderUid(cellKey(indicator, options)),
    })),
  };
}

export const exampleFile = (report: ReportDefinition) => path.join(EXAMPLE_DIR, `${report.id}.example.json`);
export const exampleText = (report: ReportDefinition) => `${JSON.stringify(exampleMapping(report), null, 2)}\n`;

if (require.main === module) {
  fs.mkdirSync(EXAMPLE_DIR, { recursive: true });
  for (const report of Object.values(REPORTS)) fs.writeFileSync(exampleFile(report), exampleText(report));
}
