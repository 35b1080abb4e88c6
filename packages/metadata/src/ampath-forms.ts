import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { cell, type Row } from './configuration';
import type { ValidationIssue } from './issues';
import type { LoadContext } from './load-context';
import { childUuid } from './values';
import { NotUtf8Error, readUtf8 } from './text-file';

// Initializer's ampathforms domain: one O3 (AMPATH) form schema per JSON file. The form row gets a
// uuid derived from its name and version, the schema goes to a "JSON schema" form resource whose
// value is a clob (what the o3forms module serves at /o3/forms/<uuid>).

export const AMPATH_FORMS_FOLDER = 'ampathforms';
/** Initializer's AmpathFormsLoader namespace for form uuids. */
const NAMESPACE = '794c4598-ab82-47ca-8d18-483a8abe6f4f';

export interface AmpathForm {
  file: string;
  name: string;
  version: string;
  description: string | null;
  published: boolean;
  retired: boolean;
  /** The encounter type's name, as the file gives it. */
  encounter: string | null;
  json: string;
}

/** Java's UUID.nameUUIDFromBytes: an MD5 name-based (version 3) uuid. */
function nameUuid(seed: string): string {
  const bytes = crypto.createHash('md5').update(seed, 'utf8').digest();
  bytes[6] = (bytes[6] & 0x0f) | 0x30;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The uuid Initializer gives the form of this name and version (Utils.generateUuidFromObjects). */
export function ampathFormUuid(name: string, version: string): string {
  return nameUuid([NAMESPACE, name, version].join('_'));
}

export function readAmpathForms(dir: string): { forms: AmpathForm[]; issues: ValidationIssue[] } {
  const folder = path.join(dir, AMPATH_FORMS_FOLDER);
  const forms: AmpathForm[] = [];
  const issues: ValidationIssue[] = [];
  if (!fs.existsSync(folder)) return { forms, issues };
  for (const name of fs
    .readdirSync(folder)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const file = `${AMPATH_FORMS_FOLDER}/${name}`;
    const issue = (message: string, field?: string, line = 1) => issues.push({ file, line, field, message });
    let json: string;
    let form: Record<string, unknown>;
    try {
      json = readUtf8(path.join(folder, name));
      form = JSON.parse(json) as Record<string, unknown>;
    } catch (error) {
      if (error instanceof NotUtf8Error) issue(error.message, undefined, error.line);
      else issue(`Malformed JSON: ${(error as Error).message}`);
      continue;
    }
    const text = (key: string) => (typeof form[key] === 'string' && form[key] !== '' ? (form[key] as string) : null);
    if (!text('name')) issue('Form name is required', 'name');
    if (!text('version')) issue('Form version is required', 'version');
    for (const key of ['published', 'retired']) {
      if (typeof form[key] !== 'boolean') issue(`"${key}" must be true or false`, key);
    }
    const processor = text('processor');
    if ((!processor || processor === 'EncounterFormProcessor') && !text('encounter')) {
      issue('An encounter form needs "encounter": the name of its encounter type', 'encounter');
    }
    if (!text('name') || !text('version')) continue;
    forms.push({
      file,
      name: text('name')!,
      version: text('version')!,
      description: text('description'),
      published: form.published === true,
      retired: form.retired === true,
      encounter: text('encounter'),
      json,
    });
  }
  return { forms, issues };
}

/** Initializer looks the encounter type up by name. */
export function checkAmpathForms(forms: AmpathForm[], encounterTypes: Row[]): ValidationIssue[] {
  const names = new Set(encounterTypes.map((r) => cell(r, 'Name')));
  return forms
    .filter((f) => f.encounter !== null && !names.has(f.encounter))
    .map((f) => ({
      file: f.file,
      line: 1,
      field: 'encounter',
      message: `No encounter type named "${f.encounter}" in encountertypes/`,
    }));
}

export async function loadAmpathForms(ctx: LoadContext, forms: AmpathForm[]): Promise<void> {
  const encounterTypes = await ctx.idsByName('encounter_type');
  for (const form of forms) {
    const uuid = ampathFormUuid(form.name, form.version);
    const formIds = await ctx.sync(AMPATH_FORMS_FOLDER, { table: 'form', key: ['uuid'], pk: 'form_id' }, [
      {
        values: {
          uuid,
          name: form.name,
          version: form.version,
          description: form.description,
          published: form.published,
          retired: form.retired,
          encounter_type: form.encounter === null ? null : (encounterTypes.get(form.encounter) ?? null),
        },
        origin: form.file,
      },
    ]);
    const clob = childUuid(uuid, 'JSON schema');
    await ctx.sync(AMPATH_FORMS_FOLDER, { table: 'clob_datatype_storage', key: ['uuid'] }, [
      { values: { uuid: clob, value: form.json }, origin: form.file },
    ]);
    await ctx.sync(AMPATH_FORMS_FOLDER, { table: 'form_resource', key: ['uuid'] }, [
      {
        values: {
          uuid: childUuid(uuid, 'form_resource'),
          form_id: formIds.get(uuid) ?? (await ctx.id('form', uuid)),
          name: 'JSON schema',
          value_reference: clob,
          datatype: 'AmpathJsonSchema',
        },
        origin: form.file,
      },
    ]);
  }
}
