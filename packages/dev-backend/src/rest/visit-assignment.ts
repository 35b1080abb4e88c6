import crypto from 'node:crypto';
import type { Row } from '../database';
import { now } from '../dates';
import { apiException } from '../http/errors';
import { globalProperty } from '../settings';
import type { RequestContext } from './context';
import { locationAndAncestors } from './search-params';

// EncounterServiceImpl.createVisitForNewEncounter: a new encounter posted without a visit is given
// one by the handler named in visits.assignmentHandler. The distro pins
// ExistingOrNewVisitAssignmentHandler: the patient's visit that holds the encounter's time at its
// location (or one of its parents), else a new visit of the type mapped to the encounter type, from
// the encounter's time to the end of its day.

const HANDLERS = 'org.openmrs.api.handler.';
const EXISTING = `${HANDLERS}ExistingVisitAssignmentHandler`;
const EXISTING_OR_NEW = `${HANDLERS}ExistingOrNewVisitAssignmentHandler`;

/** Sets `visit_id` on a new encounter's columns when the configured handler finds or makes one. */
export async function assignVisit(encounter: Row, ctx: RequestContext): Promise<void> {
  if (encounter.visit_id !== null && encounter.visit_id !== undefined) return;
  const handler = (await globalProperty(ctx.sql, 'visits.assignmentHandler', '')).trim();
  if (handler !== EXISTING && handler !== EXISTING_OR_NEW) return;
  const existing = await existingVisit(encounter, ctx);
  if (existing !== undefined) {
    encounter.visit_id = existing;
  } else if (handler === EXISTING_OR_NEW) {
    encounter.visit_id = await newVisit(encounter, ctx);
  }
}

/** ExistingVisitAssignmentHandler: the latest-started visit that spans the encounter's time and place. */
async function existingVisit(encounter: Row, ctx: RequestContext): Promise<unknown> {
  const at = String(encounter.encounter_datetime);
  const visits = await ctx.sql.rows(
    `SELECT visit_id, location_id FROM visit WHERE patient_id = ? AND voided = 0 AND date_started <= ?
       AND (date_stopped IS NULL OR date_stopped >= ?) ORDER BY date_started DESC, visit_id DESC`,
    [encounter.patient_id, at, at],
  );
  for (const visit of visits) {
    if (visit.location_id === null || (await inHierarchy(encounter.location_id, visit.location_id, ctx))) {
      return visit.visit_id;
    }
  }
  return undefined;
}

/** Location.isInHierarchy: the location is the root or one of its descendants. */
async function inHierarchy(locationId: unknown, rootId: unknown, ctx: RequestContext): Promise<boolean> {
  return (await locationAndAncestors(locationId, ctx)).includes(rootId);
}

async function newVisit(encounter: Row, ctx: RequestContext): Promise<unknown> {
  const start = String(encounter.encounter_datetime);
  const { insertId } = await ctx.sql.execute('INSERT INTO visit SET ?', [
    {
      patient_id: encounter.patient_id,
      visit_type_id: await visitType(encounter.encounter_type, ctx),
      date_started: start,
      // OpenmrsUtil.getLastMomentOfDay
      date_stopped: `${start.slice(0, 10)} 23:59:59`,
      location_id: encounter.location_id ?? null,
      creator: ctx.userId,
      date_created: now(),
      uuid: crypto.randomUUID(),
    },
  ]);
  return insertId;
}

/**
 * visits.encounterTypeToVisitTypeMapping ("encounterType:visitType, …", ids or uuids); an unmapped type
 * is an error once the property is set, else the first visit type.
 */
async function visitType(encounterTypeId: unknown, ctx: RequestContext): Promise<unknown> {
  const mapping = (await globalProperty(ctx.sql, 'visits.encounterTypeToVisitTypeMapping', '')).trim();
  const [type] = await ctx.sql.rows(
    'SELECT encounter_type_id, uuid, name FROM encounter_type WHERE encounter_type_id = ?',
    [encounterTypeId],
  );
  if (mapping === '') {
    const [first] = await ctx.sql.rows('SELECT visit_type_id FROM visit_type ORDER BY visit_type_id LIMIT 1');
    return first?.visit_type_id;
  }
  for (const pair of mapping.split(',')) {
    const colon = pair.indexOf(':');
    if (colon <= 0) continue;
    const from = pair.slice(0, colon).trim();
    if (from !== String(type.encounter_type_id) && from !== type.uuid) continue;
    const to = pair.slice(colon + 1).trim();
    const [visitType] = await ctx.sql.rows(
      `SELECT visit_type_id FROM visit_type WHERE ${/^\d+$/.test(to) ? 'visit_type_id' : 'uuid'} = ?`,
      [to],
    );
    if (visitType) return visitType.visit_type_id;
  }
  throw apiException(
    `The encounter type ${String(type.name)} is not mapped to a visit type in visits.encounterTypeToVisitTypeMapping`,
  );
}
