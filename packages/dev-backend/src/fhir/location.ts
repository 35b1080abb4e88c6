import { likeInfix, likePrefix, type Row } from '../database';
import { fhirInstant } from '../dates';
import type { RequestContext } from '../rest/context';
import { truthy } from '../rest/represent';
import { tagsOf } from '../rest/resources/location';
import { prune, SearchFilter, type FhirType, type SearchSql } from './types';

// fhir2's LocationTranslator: tags as meta.tag, address with the OpenMRS address extension,
// position from latitude/longitude, partOf the parent.

const TAG_SYSTEM = 'http://fhir.openmrs.org/ext/location-tag';
const ADDRESS_EXTENSION = 'http://fhir.openmrs.org/ext/address';

async function toFhir(row: Row, ctx: RequestContext): Promise<Record<string, unknown>> {
  const tags = await tagsOf(row.location_id, ctx);
  const parent = await ctx.row('location', row.parent_location);
  const extension = Array.from({ length: 15 }, (_, i) => `address${i + 1}`)
    .filter((field) => row[field])
    .map((field) => ({ url: `${ADDRESS_EXTENSION}#${field}`, valueString: row[field] }));
  const position = Object.fromEntries(
    (['latitude', 'longitude'] as const)
      .map((axis) => [axis, Number.parseFloat(String(row[axis]))] as const)
      .filter(([, value]) => value >= 0),
  );
  return prune({
    resourceType: 'Location',
    id: row.uuid,
    meta: {
      lastUpdated: fhirInstant(row.date_changed ?? row.date_created),
      tag: tags.map((t) => prune({ system: TAG_SYSTEM, code: t.name, display: t.description })),
    },
    status: truthy(row.retired) ? 'inactive' : 'active',
    name: row.name,
    description: row.description,
    address: prune({
      extension: extension.length > 0 ? [{ url: ADDRESS_EXTENSION, extension }] : undefined,
      city: row.city_village,
      state: row.state_province,
      postalCode: row.postal_code,
      country: row.country,
    }),
    position: Object.keys(position).length > 0 ? position : undefined,
    partOf: parent && { reference: `Location/${String(parent.uuid)}`, type: 'Location', display: parent.name },
  });
}

function search(params: URLSearchParams): SearchSql {
  return new SearchFilter(params, 't.retired = 0')
    .anyOf('_id', 't.uuid = ?')
    .anyOf(
      '_tag',
      'EXISTS (SELECT 1 FROM location_tag_map m JOIN location_tag g ON g.location_tag_id = m.location_tag_id WHERE m.location_id = t.location_id AND g.name = ?)',
    )
    .anyOf('name', 't.name LIKE ?', likePrefix)
    .anyOf('name:contains', 't.name LIKE ?', likeInfix)
    .anyOf('name:exact', 't.name = ?')
    .anyOf('partof', 't.parent_location = (SELECT p.location_id FROM location p WHERE p.uuid = ?)')
    .sql('t.name');
}

export const Location: FhirType = {
  table: 'location',
  privilege: 'Get Locations',
  toFhir,
  search,
};
