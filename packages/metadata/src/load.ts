import fs from 'node:fs';
import path from 'node:path';
import { connect } from '@poc-emr/db';
import { loadAmpathForms } from './ampath-forms';
import { readConfiguration, rowsOf } from './configuration';
import { DOMAINS } from './domains';
import { loadAddressHierarchy } from './domains/addresshierarchy';
import type { GlobalProperty } from './global-properties';
import type { IdMode } from './ids';
import { InvalidConfigurationError } from './issues';
import { LoadContext, type LoadSummary } from './load-context';
import { checkConfiguration, DOMAIN_FOLDERS } from './validate';
import { childUuid } from './values';

/** <repo>/distro/configuration */
export const DEFAULT_CONFIG_DIR = path.resolve(__dirname, '..', '..', '..', 'distro', 'configuration');
/** The distro's statement restricting the global properties that hold secrets. */
const SECRET_PROPERTIES = path.resolve(
  __dirname,
  '..',
  '..',
  '..',
  'distro',
  'backend',
  'secret-global-properties.sql',
);

export interface LoadOptions {
  configDir?: string;
  /** 'epts' (default): rows with an EPTS id get it; `{ shuffleSeed }`: a seeded permutation of fresh ids. */
  ids?: IdMode;
}

/**
 * Validates the configuration, then upserts it by uuid into `database` in one transaction: new
 * rows are inserted (creator 1, date_created now), existing ones updated only where a value
 * differs. Any issue or error leaves the database as it was.
 */
export async function loadMetadata(database: string, options: LoadOptions = {}): Promise<LoadSummary> {
  const config = readConfiguration(options.configDir ?? DEFAULT_CONFIG_DIR, DOMAIN_FOLDERS);
  const issues = checkConfiguration(config);
  if (issues.length > 0) throw new InvalidConfigurationError(issues);

  const conn = await connect({ database });
  try {
    await conn.beginTransaction();
    const ctx = new LoadContext(conn, options.ids ?? 'epts');
    try {
      for (const domain of DOMAINS) {
        const rows = rowsOf(config, domain.folder);
        if (rows.length > 0) await domain.load(ctx, rows);
      }
      if (config.addressHierarchy) await loadAddressHierarchy(ctx, config.addressHierarchy);
      // Initializer loads them last: they need encounter types and concepts.
      await loadAmpathForms(ctx, config.ampathForms);
      await loadGlobalProperties(ctx, config.globalProperties);
      // As the distro's first-start step does on a real server.
      await conn.query(fs.readFileSync(SECRET_PROPERTIES, 'utf8'));
      await conn.commit();
    } catch (error) {
      await conn.rollback();
      throw error;
    }
    return ctx.summary;
  } finally {
    await conn.end();
  }
}

/** Only the value is configured: an existing property keeps its description, datatype and uuid. */
async function loadGlobalProperties(ctx: LoadContext, properties: GlobalProperty[]): Promise<void> {
  if (properties.length === 0) return;
  await ctx.sync(
    'globalproperties',
    { table: 'global_property', key: ['property'] },
    properties.map((gp) => ({
      values: { property: gp.property, property_value: gp.value },
      insertOnly: { uuid: childUuid('global_property', gp.property) },
      origin: `${gp.file}:${gp.line}`,
    })),
  );
}
