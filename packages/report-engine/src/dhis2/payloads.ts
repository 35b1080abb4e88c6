import type { Period } from '../cli/period';
import type { FacilityReport } from '../report';
import { cellKey } from '../output/cells';
import type { Dhis2Mapping } from './mapping';

export interface Dhis2Values {
  orgUnit: string;
  values: Array<{ dataElement: string; categoryOptionCombo: string; value: number }>;
}

/** The mapped cells of each facility; a facility without an organisation unit is an error naming it. */
export function mappedValues(mapping: Dhis2Mapping, results: readonly FacilityReport[]): Dhis2Values[] {
  const missing = results.filter((r) => !r.facility?.code || !mapping.orgUnits[r.facility.code]);
  if (missing.length) {
    const names = missing.map(
      (r) => `${r.facility?.name ?? r.database} (${r.facility?.code ?? 'no Health Facility Code'})`,
    );
    throw new Error(`The mapping has no orgUnit for ${names.join(', ')}`);
  }
  const targets = new Map(mapping.elements.map((e) => [cellKey(e.indicator, e.options), e]));
  return results.map((r) => ({
    orgUnit: mapping.orgUnits[r.facility!.code!],
    values: r.cells.flatMap((c) => {
      const target = targets.get(cellKey(c.indicator, c.options));
      return target
        ? [{ dataElement: target.dataElement, categoryOptionCombo: target.categoryOptionCombo, value: c.value }]
        : [];
    }),
  }));
}

/** DHIS2 `dataValueSets` JSON in the bulk form: one data set, period and orgUnit on every value. */
export function dataValueSets(
  mapping: Dhis2Mapping,
  period: Period,
  sets: Dhis2Values[],
  completeDate: string,
): string {
  return `${JSON.stringify(
    {
      dataSet: mapping.dataSet,
      completeDate,
      dataValues: sets.flatMap((s) =>
        s.values.map((v) => ({
          dataElement: v.dataElement,
          period: period.dhis2!.id,
          orgUnit: s.orgUnit,
          categoryOptionCombo: v.categoryOptionCombo,
          ...(mapping.attributeOptionCombo ? { attributeOptionCombo: mapping.attributeOptionCombo } : {}),
          value: String(v.value),
        })),
      ),
    },
    null,
    2,
  )}\n`;
}

const escapeXml = (text: string) =>
  text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

/** ADX (IHE QRPH, as DHIS2 imports it): a group per facility, the category option combo as an attribute. */
export function adx(mapping: Dhis2Mapping, period: Period, sets: Dhis2Values[], exported: string): string {
  const attr = (name: string, value: string) => ` ${name}="${escapeXml(value)}"`;
  const groups = sets.map((s) => {
    const values = s.values.map(
      (v) =>
        `    <dataValue${attr('dataElement', v.dataElement)}${attr('categoryOptionCombo', v.categoryOptionCombo)}${attr('value', String(v.value))}/>`,
    );
    const aoc = mapping.attributeOptionCombo ? attr('attributeOptionCombo', mapping.attributeOptionCombo) : '';
    return [
      `  <group${attr('orgUnit', s.orgUnit)}${attr('period', period.dhis2!.adx)}${attr('dataSet', mapping.dataSet)}${aoc}>`,
      ...values,
      '  </group>',
    ].join('\n');
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<adx xmlns="urn:ihe:qrph:adx:2015"${attr('exported', exported)}>\n${groups.join('\n')}\n</adx>\n`;
}
