import type { StandInMetadata } from './server';

interface Mapping {
  dataSet: string;
  attributeOptionCombo?: string;
  orgUnits: Record<string, string>;
  elements: Array<{ dataElement: string; categoryOptionCombo: string }>;
}

/** What a SIS-MA configured for these mapping files knows: their data sets, org units, elements and combos. */
export function metadataOf(mappings: readonly Mapping[]): StandInMetadata {
  const dataElements: Record<string, string[]> = {};
  for (const m of mappings)
    for (const e of m.elements)
      dataElements[e.dataElement] = [...(dataElements[e.dataElement] ?? []), e.categoryOptionCombo];
  return {
    dataSets: mappings.map((m) => m.dataSet),
    orgUnits: [...new Set(mappings.flatMap((m) => Object.values(m.orgUnits)))],
    dataElements,
    attributeOptionCombos: mappings.flatMap((m) => (m.attributeOptionCombo ? [m.attributeOptionCombo] : [])),
  };
}
