import type { Row } from '../../database';
import { parseRestDate, restDate } from '../../dates';
import { ValidationError } from '../../http/errors';
import { globalProperty } from '../../settings';
import type { RequestContext } from '../context';
import { represent } from '../represent';
import { REF } from '../representation';
import type { Change, Listing, Resource } from '../resource';
import { objectList, create, shown, voidOwned } from '../writes';
import { conceptDisplay } from './concept';
import { conceptRange, interpretation, numericValueErrors, saveObsRange } from './obsreferencerange';
import { formField } from './patientdiagnoses';

// ObsResource 2.7: the polymorphic `value` (number, text, date, or the coded concept or drug),
// obs groups through groupMembers, and edits that void the row for a new version (previous_version).

const VALUE_COLUMNS = [
  'value_coded',
  'value_coded_name_id',
  'value_drug',
  'value_numeric',
  'value_datetime',
  'value_text',
];

function invalid(message: string): ValidationError {
  return new ValidationError({ value: [{ code: 'error.invalid', message }] });
}

/** Obs.getValueAsString: what `display` shows after the concept's name. */
async function valueString(row: Row, ctx: RequestContext): Promise<string> {
  if (row.value_coded !== null && row.value_coded !== undefined) {
    if (row.value_drug !== null && row.value_drug !== undefined) {
      return String((await ctx.loader.load('drug', 'drug_id', row.value_drug))?.name ?? '');
    }
    return conceptDisplay(row.value_coded, ctx);
  }
  if (row.value_numeric !== null && row.value_numeric !== undefined) return String(Number(row.value_numeric));
  if (row.value_datetime !== null && row.value_datetime !== undefined) return String(row.value_datetime).slice(0, 10);
  if (row.value_text !== null && row.value_text !== undefined) return String(row.value_text);
  if (row.value_complex !== null && row.value_complex !== undefined) return String(row.value_complex);
  // A group shows its members' values.
  const members = await ctx.sql.rows('SELECT * FROM obs WHERE obs_group_id = ? AND voided = 0 ORDER BY obs_id', [
    row.obs_id,
  ]);
  return (await Promise.all(members.map((m) => valueString(m, ctx)))).join(', ');
}

async function value(row: Row, ctx: RequestContext): Promise<unknown> {
  if (row.value_drug !== null && row.value_drug !== undefined) {
    const drug = await ctx.loader.load('drug', 'drug_id', row.value_drug);
    return drug ? { uuid: drug.uuid, display: drug.name ?? '' } : null;
  }
  if (row.value_coded !== null && row.value_coded !== undefined) {
    const concept = await ctx.row('concept', row.value_coded);
    return concept ? represent(ctx.resource('concept'), concept, REF, ctx) : null;
  }
  if (row.value_numeric !== null && row.value_numeric !== undefined) return Number(row.value_numeric);
  if (row.value_datetime !== null && row.value_datetime !== undefined) return restDate(row.value_datetime);
  return row.value_text ?? row.value_complex ?? null;
}

/** Obs.setValueAsString by the concept's datatype: the value goes to the one column that fits. */
async function setValue(input: unknown, change: Change, ctx: RequestContext): Promise<void> {
  const conceptId = change.columns.concept_id ?? change.existing?.concept_id;
  const [type] = await ctx.sql.rows<{ hl7: string; name: string }>(
    `SELECT d.hl7_abbreviation hl7, d.name FROM concept c JOIN concept_datatype d ON d.concept_datatype_id = c.datatype_id
     WHERE c.concept_id = ?`,
    [conceptId],
  );
  if (!type) throw invalid('The obs needs a concept before a value');
  for (const column of VALUE_COLUMNS) change.columns[column] = null;
  if (input === null) return;
  const id = input && typeof input === 'object' ? (input as Row).uuid : input;
  switch (type.hl7) {
    case 'NM': {
      const number = typeof input === 'string' && input.trim() !== '' ? Number(input) : input;
      if (typeof number !== 'number' || !Number.isFinite(number)) throw invalid(`${shown(input)} is not a number`);
      const errors = await numericValueErrors(conceptId, number, ctx);
      if (errors.length > 0) throw new ValidationError({ valueNumeric: errors });
      change.columns.value_numeric = number;
      const range = await conceptRange(conceptId, ctx);
      if (range) {
        change.columns.interpretation = interpretation(number, range) ?? change.columns.interpretation ?? null;
        change.afterSave.push((key) => saveObsRange(key, conceptId, ctx));
      }
      return;
    }
    case 'CWE': {
      const [concept] = await ctx.sql.rows('SELECT concept_id FROM concept WHERE uuid = ?', [id]);
      if (concept) {
        change.columns.value_coded = concept.concept_id;
        return;
      }
      const [drug] = await ctx.sql.rows('SELECT drug_id, concept_id FROM drug WHERE uuid = ?', [id]);
      if (!drug) throw invalid(`${JSON.stringify(input)} is not the uuid of a concept or a drug`);
      Object.assign(change.columns, { value_drug: drug.drug_id, value_coded: drug.concept_id });
      return;
    }
    case 'BIT': {
      const truth = input === true || input === 'true' ? true : input === false || input === 'false' ? false : null;
      if (truth === null) throw invalid(`${JSON.stringify(input)} is not a boolean`);
      const gp = await globalProperty(ctx.sql, truth ? 'concept.true' : 'concept.false', truth ? '1' : '2');
      change.columns.value_coded = Number(gp);
      return;
    }
    case 'DT':
    case 'TS': {
      const parsed = typeof input === 'string' ? parseRestDate(input) : undefined;
      if (parsed === undefined) throw invalid(`${JSON.stringify(input)} is not a date`);
      change.columns.value_datetime = parsed;
      return;
    }
    case 'ST':
      if (typeof input !== 'string' && typeof input !== 'number') throw invalid(`${JSON.stringify(input)} is not text`);
      change.columns.value_text = String(input);
      return;
    default:
      throw invalid(`A ${type.name} concept takes no value`);
  }
}

/** Members posted inside a group obs: saved under it once it has its key, sharing its person, encounter and time. */
function setMembers(input: unknown, change: Change, ctx: RequestContext): void {
  const items = objectList(input, 'groupMembers');
  change.afterSave.push(async (key) => {
    const parent = { ...change.existing, ...change.columns };
    for (const item of items) {
      await create(ctx.resource('obs'), item, ctx, {
        obs_group_id: key,
        person_id: parent.person_id,
        encounter_id: parent.encounter_id ?? null,
        obs_datetime: parent.obs_datetime,
        location_id: parent.location_id ?? null,
      });
    }
  });
}

/** `?patient=` with `concept=` or `concepts=a,b`, `?encounter=`: newest first. */
function obsSearch(ctx: RequestContext): Listing {
  const where = ctx.includeAll ? [] : ['t.voided = 0'];
  const params: unknown[] = [];
  const filter = (clause: string, value: unknown) => {
    where.push(clause);
    params.push(value);
  };
  const patient = ctx.param('patient');
  if (patient !== undefined) filter('t.person_id = (SELECT person_id FROM person WHERE uuid = ?)', patient);
  const concepts = [ctx.param('concept'), ...(ctx.param('concepts')?.split(',') ?? [])].filter((c) => c);
  if (concepts.length > 0) filter('t.concept_id IN (SELECT concept_id FROM concept WHERE uuid IN (?))', concepts);
  const encounter = ctx.param('encounter');
  if (encounter !== undefined)
    filter('t.encounter_id = (SELECT encounter_id FROM encounter WHERE uuid = ?)', encounter);
  if (params.length === 0) return { rows: [] };
  return { where: where.join(' AND '), params, orderBy: 't.obs_datetime DESC, t.obs_id DESC' };
}

// ObsResource1_8's lists with 1_11's form fields, 2_1's status and interpretation and 2_7's range; a
// property added without a representation is shown in the default one (DelegatingResourceDescription).
const ADDED = 'formFieldPath,formFieldNamespace,status,interpretation,referenceRange';
const DEFAULT = `uuid,display,concept:ref,person:ref,obsDatetime,accessionNumber,obsGroup:ref,valueCodedName:ref,groupMembers,comment,location:ref,order:ref,encounter:ref,voided,value,valueModifier,${ADDED}`;
const FULL = `uuid,display,concept,person:ref,obsDatetime,accessionNumber,obsGroup,valueCodedName,groupMembers:full,comment,location,order,encounter,voided,auditInfo,value,valueModifier,${ADDED}`;

export const obs: Resource = {
  name: 'obs',
  version: '2.7',
  kind: 'data',
  table: { name: 'obs', key: 'obs_id' },
  properties: {
    person: { column: 'person_id', resource: 'person' },
    concept: { column: 'concept_id', resource: 'concept' },
    obsDatetime: { column: 'obs_datetime', type: 'date' },
    encounter: { column: 'encounter_id', resource: 'encounter' },
    location: { column: 'location_id', resource: 'location' },
    obsGroup: { column: 'obs_group_id', resource: 'obs' },
    accessionNumber: { column: 'accession_number' },
    comment: { column: 'comments' },
    valueModifier: { column: 'value_modifier' },
    status: { column: 'status' },
    interpretation: { column: 'interpretation' },
    order: { get: () => null },
    valueCodedName: {
      resource: 'conceptname',
      get: (row, ctx) => ctx.loader.load('concept_name', 'concept_name_id', row.value_coded_name_id),
    },
    // Creatable since 1.11 (the O3 form engine ties each obs to its question with them), not updatable.
    formFieldNamespace: formField('namespace'),
    formFieldPath: formField('path'),
    // Obs.getGroupMembers: null for an obs that is not a group, its unvoided members otherwise.
    groupMembers: {
      resource: 'obs',
      get: async (row, ctx) => {
        const members = await ctx.sql.rows('SELECT * FROM obs WHERE obs_group_id = ? ORDER BY obs_id', [row.obs_id]);
        return members.length === 0 ? null : members.filter((m) => Number(m.voided) === 0);
      },
      set: setMembers,
    },
    referenceRange: {
      resource: 'obsreferencerange',
      get: (row, ctx) => ctx.loader.load('obs_reference_range', 'obs_id', row.obs_id),
    },
    value: { get: value, set: setValue },
  },
  representations: {
    default: DEFAULT,
    full: FULL,
  },
  display: async (row, ctx) => `${await conceptDisplay(row.concept_id, ctx)}: ${await valueString(row, ctx)}`,
  // ObsServiceImpl.saveObs: a new obs needs Add Observations, a saved one Edit Observations; purgeObs
  // needs Delete Observations.
  privileges: {
    get: 'Get Observations',
    create: 'Add Observations',
    update: 'Edit Observations',
    delete: 'Edit Observations',
    undelete: 'Edit Observations',
    purge: 'Delete Observations',
  },
  search: obsSearch,
  creatable: [
    'person',
    'concept',
    'obsDatetime',
    'encounter',
    'location',
    'obsGroup',
    'accessionNumber',
    'comment',
    'valueModifier',
    'status',
    'interpretation',
    'groupMembers',
    'value',
    'formFieldNamespace',
    'formFieldPath',
  ],
  required: ['concept'],
  updatable: ['concept', 'obsDatetime', 'location', 'comment', 'status', 'interpretation', 'value'],
  // ObsServiceImpl.saveExistingObs: the edited obs is voided with ObsResource's change message and a copy
  // takes its place, linked back; a FINAL obs's copy is AMENDED.
  replacedOnEdit: {
    column: 'previous_version',
    reason: 'REST web service',
    amend: (existing) => (existing.status === 'FINAL' ? { status: 'AMENDED' } : {}),
  },
  validateSaved: async (key, ctx) => {
    // ObsValidator: an obs that is not a group has a value.
    const [row] = await ctx.sql.rows(
      `SELECT ${VALUE_COLUMNS.join(', ')}, value_complex, voided,
         EXISTS (SELECT 1 FROM obs m WHERE m.obs_group_id = o.obs_id) AS grouping FROM obs o WHERE obs_id = ?`,
      [key],
    );
    if (!row || Number(row.voided) === 1 || Number(row.grouping) === 1) return;
    if ([...VALUE_COLUMNS, 'value_complex'].some((c) => row[c] !== null)) return;
    throw new ValidationError({}, [{ code: 'error.noValue', message: 'Obs has no value' }]);
  },
  beforePurge: async (row, ctx) => {
    await ctx.sql.execute('DELETE FROM obs_reference_range WHERE obs_id = ?', [row.obs_id]);
  },
  cascadeVoid: (row, reason, ctx) => voidOwned(obs, row, reason, [{ table: 'obs', where: 'obs_group_id = ?' }], ctx),
};
