import type { RequestContext } from '../context';
import type { Listing, Resource } from '../resource';
import { displayDate } from './encounter';
import { patientWithDefaultDate } from './patientreference';

// VisitResource 1.9: active while date_stopped is null; `?patient=&includeInactive=false` finds it.

function visitSearch(ctx: RequestContext): Listing {
  const where = ctx.params.get('includeAll') === 'true' ? [] : ['t.voided = 0'];
  const params: unknown[] = [];
  const patient = ctx.param('patient');
  if (patient !== undefined) {
    where.push('t.patient_id = (SELECT person_id FROM person WHERE uuid = ?)');
    params.push(patient);
  }
  const visitType = ctx.param('visitType');
  if (visitType !== undefined) {
    where.push('t.visit_type_id = (SELECT visit_type_id FROM visit_type WHERE uuid = ?)');
    params.push(visitType);
  }
  if (params.length === 0) return { rows: [] };
  if (ctx.param('includeInactive') === 'false') where.push('t.date_stopped IS NULL');
  return { where: where.join(' AND '), params, orderBy: 't.date_started DESC, t.visit_id DESC' };
}

const DEFAULT =
  'uuid,display,patient:ref,visitType:ref,indication:ref,location:ref,startDatetime,stopDatetime,encounters:ref,attributes,voided';

export const visit: Resource = {
  name: 'visit',
  version: '1.9',
  kind: 'data',
  table: { name: 'visit', key: 'visit_id' },
  properties: {
    patient: patientWithDefaultDate('date_started'),
    visitType: { column: 'visit_type_id', resource: 'visittype' },
    indication: { column: 'indication_concept_id', resource: 'concept' },
    location: { column: 'location_id', resource: 'location' },
    startDatetime: { column: 'date_started', type: 'date' },
    stopDatetime: { column: 'date_stopped', type: 'date' },
    encounters: {
      resource: 'encounter',
      get: (row, ctx) =>
        ctx.sql.rows('SELECT * FROM encounter WHERE visit_id = ? AND voided = 0 ORDER BY encounter_datetime DESC', [
          row.visit_id,
        ]),
    },
    // No visit attribute resource yet.
    attributes: { get: () => [] },
  },
  representations: {
    default: DEFAULT,
    full: `${DEFAULT.replace(/:ref/g, '')},auditInfo`,
  },
  display: async (row, ctx) => {
    const type = await ctx.row('visittype', row.visit_type_id);
    const location = await ctx.row('location', row.location_id);
    const at = location ? ` @ ${String(location.name)}` : '';
    return `${String(type?.name ?? '')}${at} - ${displayDate(row.date_started, true)}`;
  },
  privileges: { read: 'Get Visits', write: 'Edit Visits' },
  search: visitSearch,
  creatable: ['patient', 'visitType', 'startDatetime', 'stopDatetime', 'location', 'indication'],
  required: ['patient', 'visitType'],
  updatable: ['visitType', 'startDatetime', 'stopDatetime', 'location', 'indication'],
};
