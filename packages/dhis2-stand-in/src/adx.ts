import type { DataValue } from './server';
import { adxPeriod } from './periods';

// The ADX documents our push sends: <group orgUnit period dataSet [attributeOptionCombo]> holding
// <dataValue dataElement categoryOptionCombo value/>. Exploded category attributes are not supported.

const UNESCAPE: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"', '&apos;': "'" };

function attributes(text: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const m of text.matchAll(/([\w:]+)="([^"]*)"/g)) {
    found[m[1]] = m[2].replace(/&(lt|gt|amp|quot|apos);/g, (e) => UNESCAPE[e]);
  }
  return found;
}

/**
 * The data values of an ADX document. Identifiers are taken as uids only when `byUid` (idScheme=UID):
 * ADX's default scheme is codes, which the stand-in has none of, so they are prefixed to stay unknown.
 */
export function parseAdx(xml: string, byUid: boolean): { dataSet?: string; values: DataValue[] } {
  if (!/<adx\b[^>]*xmlns="urn:ihe:qrph:adx:2015"/.test(xml))
    throw new Error('Invalid ADX document: no adx root element');
  const id = (value: string | undefined) => (value === undefined ? '' : byUid ? value : `code:${value}`);
  let dataSet: string | undefined;
  const values: DataValue[] = [];
  for (const group of xml.matchAll(/<group\b([^>]*)>([\s\S]*?)<\/group>/g)) {
    const g = attributes(group[1]);
    if (!g.orgUnit || !g.period || !g.dataSet)
      throw new Error('Invalid ADX group: orgUnit, period and dataSet are required');
    dataSet = id(g.dataSet);
    for (const v of group[2].matchAll(/<dataValue\b([^>]*)\/>/g)) {
      const a = attributes(v[1]);
      values.push({
        dataElement: id(a.dataElement),
        period: adxPeriod(g.period),
        orgUnit: id(g.orgUnit),
        categoryOptionCombo: a.categoryOptionCombo ?? '',
        attributeOptionCombo: g.attributeOptionCombo ?? 'HllvX50cXC0',
        value: a.value ?? '',
      });
    }
  }
  return { dataSet, values };
}
