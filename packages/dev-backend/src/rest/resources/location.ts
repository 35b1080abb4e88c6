import { likePrefix, type Row } from '../../database';
import { conversionFailed } from '../../http/errors';
import type { RequestContext } from '../context';
import { addressProperties, ADDRESS_FIELDS } from '../address';
import { metadataResource, metadataPrivileges } from '../metadata';
import type { Change, Listing, Resource } from '../resource';

// LocationResource 2.0: the address fields, tags, the parent and children, attributes.

export function tagsOf(locationId: unknown, ctx: RequestContext): Promise<Row[]> {
  return ctx.sql.rows(
    'SELECT g.* FROM location_tag g JOIN location_tag_map m ON m.location_tag_id = g.location_tag_id WHERE m.location_id = ? ORDER BY g.name',
    [locationId],
  );
}

/** Tags in a body are uuids or names; the whole set is replaced. */
async function setTags(value: unknown, change: Change, ctx: RequestContext): Promise<void> {
  if (!Array.isArray(value)) throw conversionFailed('tags must be a list');
  const ids: unknown[] = [];
  for (const tag of value) {
    const id = typeof tag === 'object' && tag !== null ? (tag as Row).uuid : tag;
    const [found] = await ctx.sql.rows('SELECT location_tag_id FROM location_tag WHERE uuid = ? OR name = ?', [id, id]);
    if (!found) throw conversionFailed(`${JSON.stringify(tag)} is not a location tag`);
    ids.push(found.location_tag_id);
  }
  change.afterSave.push(async (locationId, sql) => {
    await sql.execute('DELETE FROM location_tag_map WHERE location_id = ?', [locationId]);
    if (ids.length > 0) {
      await sql.execute('INSERT INTO location_tag_map (location_id, location_tag_id) VALUES ?', [
        ids.map((tagId) => [locationId, tagId]),
      ]);
    }
  });
}

/** `?tag=` (uuid or name) and `?q=` (start of the name); both given means both must hold. */
async function locationSearch(ctx: RequestContext): Promise<Listing> {
  const where = ctx.includeAll ? [] : ['t.retired = 0'];
  const params: unknown[] = [];
  const tag = ctx.param('tag');
  if (tag !== undefined) {
    where.push(
      'EXISTS (SELECT 1 FROM location_tag_map m JOIN location_tag g ON g.location_tag_id = m.location_tag_id WHERE m.location_id = t.location_id AND (g.uuid = ? OR g.name = ?))',
    );
    params.push(tag, tag);
  }
  const q = ctx.param('q');
  if (q !== undefined) {
    where.push('t.name LIKE ?');
    params.push(likePrefix(q));
  }
  if (tag === undefined && q === undefined) return { rows: [] };
  return { where: where.join(' AND '), params, orderBy: 't.name' };
}

// The 2.0 address fields come after the 1.9 ones, as LocationResource2_0 appends them.
const [ADDRESS_1_9, ADDRESS_2_0] = [ADDRESS_FIELDS.slice(0, 13).join(','), ADDRESS_FIELDS.slice(13).join(',')];

export const location: Resource = {
  ...metadataResource({
    name: 'location',
    version: '2.0',
    table: 'location',
    key: 'location_id',
    privileges: metadataPrivileges('Get Locations', 'Manage Locations', 'Purge Locations'),
    properties: {
      ...addressProperties,
      tags: {
        resource: 'locationtag',
        get: (row: Row, ctx: RequestContext) => tagsOf(row.location_id, ctx),
        set: setTags,
      },
      parentLocation: { column: 'parent_location', resource: 'location' },
      childLocations: {
        resource: 'location',
        get: (row: Row, ctx: RequestContext) =>
          ctx.sql.rows('SELECT * FROM location WHERE parent_location = ? AND retired = 0 ORDER BY name', [
            row.location_id,
          ]),
      },
      attributes: {
        resource: 'locationattribute',
        get: (row: Row, ctx: RequestContext) =>
          ctx.sql.rows('SELECT * FROM location_attribute WHERE location_id = ? AND voided = 0', [row.location_id]),
      },
    },
    creatable: [...ADDRESS_FIELDS, 'tags', 'parentLocation'],
  }),
  representations: {
    default: `uuid,display,name,description,${ADDRESS_1_9},tags:ref,parentLocation:ref,childLocations:ref,retired,attributes:ref,${ADDRESS_2_0}`,
    full: `uuid,display,name,description,${ADDRESS_1_9},tags,parentLocation,childLocations,retired,auditInfo,attributes,${ADDRESS_2_0}`,
  },
  search: locationSearch,
};
