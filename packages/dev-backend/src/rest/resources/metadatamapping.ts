import crypto from 'node:crypto';
import path from 'node:path';
import { readTerms } from '@poc-emr/metadata';
import { methodNotAllowed, unknownResource } from '../../http/errors';
import { ok } from '../../http/reply';
import type { Controller } from '../controller';
import { selfLink } from '../represent';
import { parsePropertyList } from '../representation';

// The metadatamapping module's term mappings, answered from the distro's metadatatermmappings
// (Initializer loads them into the module's tables, which this schema does not have). Only the
// emrapi source is served: that is what O3 asks for (emr.primaryIdentifierType).

const SOURCE = 'org.openmrs.module.emrapi';

/** The csv's mapping uuid is not kept by readTerms; a stable one is derived from source and code. */
function mappingUuid(code: string): string {
  const hex = crypto.createHash('sha1').update(`${SOURCE}:${code}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export const metadatamapping: Controller = {
  name: 'metadatamapping',
  handlers: {},
  route: async (segments, method, ctx) => {
    if (segments.join('/') !== 'termmapping') throw unknownResource(`v1/metadatamapping/${segments.join('/')}`);
    if (method !== 'GET') throw methodNotAllowed(method);
    ctx.require();
    const code = ctx.param('code');
    const terms = [...readTerms(path.join(ctx.backend.distroDir, 'configuration'), SOURCE).values()].filter(
      (t) => code === undefined || t.code === code,
    );
    const v = ctx.params.get('v') ?? 'default';
    const custom = v.startsWith('custom:')
      ? parsePropertyList(v.slice('custom:'.length)).map((p) => p.name)
      : undefined;
    const results = terms.map((t) => {
      const uuid = mappingUuid(t.code);
      const full: Record<string, unknown> = {
        uuid,
        display: `${SOURCE}: ${t.code}`,
        name: null,
        code: t.code,
        metadataSource: { display: SOURCE },
        metadataClass: t.className,
        metadataUuid: t.uuid,
        retired: false,
        links: [selfLink(ctx, 'metadatamapping/termmapping', uuid)],
      };
      return custom ? Object.fromEntries(custom.map((p) => [p, full[p] ?? null])) : full;
    });
    return ok({ results });
  },
};
