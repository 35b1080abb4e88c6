import type { Row } from '../../database';
import { objectNotFound, unknownResource } from '../../http/errors';
import { ok } from '../../http/reply';
import { allowedLocales, globalProperty } from '../../settings';
import type { RequestContext } from '../context';
import type { Controller } from '../controller';
import { represent } from '../represent';
import { parseRepresentation, type Representation } from '../representation';

// The o3forms module's GET /o3/forms/<name or uuid>: the form's "JSON schema" resource with the
// form's uuid and encounter type added, its translations in the first locale that has some, and
// (unless includeConceptReferences=false) every concept the questions name, as `(uuid,display)` or
// the `v` asked for. Subforms and referenced forms are not compiled here: the distro has none.

const DEFAULT_FORMAT = parseRepresentation('custom:(uuid,display)');

/** O3FormsServiceImpl.getForm: by uuid, else by name — a published unretired one first, then the newest. */
async function findForm(nameOrUuid: string, ctx: RequestContext): Promise<Row | undefined> {
  const [byUuid] = await ctx.sql.rows('SELECT * FROM form WHERE uuid = ?', [nameOrUuid]);
  if (byUuid) return byUuid;
  const [byName] = await ctx.sql.rows(
    `SELECT * FROM form WHERE name = ?
     ORDER BY retired, published DESC, COALESCE(date_changed, date_created) DESC, form_id DESC LIMIT 1`,
    [nameOrUuid],
  );
  return byName;
}

async function clob(reference: unknown, ctx: RequestContext): Promise<Record<string, unknown> | undefined> {
  const [row] = await ctx.sql.rows('SELECT value FROM clob_datatype_storage WHERE uuid = ?', [reference]);
  return row ? (JSON.parse(String(row.value)) as Record<string, unknown>) : undefined;
}

/** The concepts of every question (and nested question): its concept, its options' concept and answers. */
function conceptReferences(schema: Record<string, unknown>): string[] {
  const found = new Set<string>();
  const add = (value: unknown) => typeof value === 'string' && value !== '' && found.add(value);
  const walk = (questions: unknown) => {
    if (!Array.isArray(questions)) return;
    for (const question of questions as Row[]) {
      add(question.concept);
      const options = question.questionOptions as Row | undefined;
      add(options?.concept);
      for (const answer of (options?.answers as Row[] | undefined) ?? []) add(answer.concept);
      walk(question.questions);
    }
  };
  for (const page of (schema.pages as Row[] | undefined) ?? []) {
    for (const section of (page.sections as Row[] | undefined) ?? []) walk(section.questions);
  }
  return [...found];
}

async function translations(resources: Row[], ctx: RequestContext): Promise<Record<string, unknown>> {
  const locale = ctx.session.locale ?? 'en';
  const locales = [
    ...new Set([
      locale,
      await globalProperty(ctx.sql, 'default_locale', 'en'),
      ...(await allowedLocales(ctx.sql)),
      'en',
    ]),
  ];
  for (const tag of locales.map((l) => l.replace('_', '-'))) {
    const resource = resources.find((r) => String(r.name).endsWith(`_translations_${tag}`));
    const content = resource && (await clob(resource.value_reference, ctx));
    if (content) return (content.translations as Record<string, unknown> | undefined) ?? {};
  }
  return {};
}

async function getForm(nameOrUuid: string, ctx: RequestContext): Promise<Record<string, unknown>> {
  ctx.require('Get Forms');
  const form = await findForm(nameOrUuid, ctx);
  if (!form) throw objectNotFound(`Form ${nameOrUuid} does not exist`);
  const resources = await ctx.sql.rows('SELECT * FROM form_resource WHERE form_id = ? ORDER BY form_resource_id', [
    form.form_id,
  ]);
  if (resources.length === 0) throw objectNotFound(`Form ${nameOrUuid} does not have any resources`);
  const schemaResource = resources.find((r) => r.name === 'JSON schema');
  const schema = schemaResource && (await clob(schemaResource.value_reference, ctx));
  if (!schema) throw objectNotFound(`Form ${nameOrUuid} does not exist`);
  schema.uuid = form.uuid;
  const encounterType = await ctx.row('encountertype', form.encounter_type);
  if (encounterType)
    schema.encounterType = await represent(ctx.resource('encountertype'), encounterType, DEFAULT_FORMAT, ctx);
  schema.translations = await translations(resources, ctx);
  if (ctx.params.get('includeConceptReferences')?.toLowerCase() !== 'false') {
    const v = ctx.params.get('v');
    const rep: Representation = v && v.toLowerCase() !== 'default' ? parseRepresentation(v) : DEFAULT_FORMAT;
    const references: Record<string, unknown> = {};
    for (const reference of conceptReferences(schema)) {
      const [concept] = await ctx.sql.rows('SELECT * FROM concept WHERE uuid = ?', [reference]);
      if (concept) references[reference] = await represent(ctx.resource('concept'), concept, rep, ctx);
    }
    schema.conceptReferences = references;
  }
  return schema;
}

export const o3forms: Controller = {
  name: 'o3',
  handlers: {},
  route: async (segments, method, ctx) => {
    if (segments[0] !== 'forms' || segments.length !== 2 || method !== 'GET') {
      throw unknownResource(`v1/o3/${segments.join('/')}`);
    }
    return { ...ok(await getForm(segments[1], ctx)), headers: { 'Cache-Control': 'no-cache; private' } };
  },
};
