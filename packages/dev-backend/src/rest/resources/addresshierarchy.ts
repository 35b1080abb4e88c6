import { unknownResource } from '../../http/errors';
import { ok } from '../../http/reply';
import type { Controller } from '../controller';
import { readAddressTemplate } from './addresstemplate';

// The addresshierarchy module's AddressHierarchyAjaxController (/openmrs/module/addresshierarchy/ajax/*.form).
// The dev schema has no address hierarchy entries yet: the levels are Mozambique's (Província → Distrito →
// Posto Administrativo → Localidade → Bairro), named and marked required as layout.address.format has
// them; every search answers an empty list, so the registration app takes free text.

const LEVEL_FIELDS = ['stateProvince', 'countyDistrict', 'address2', 'address6', 'address5'];

const SEARCHES = new Set([
  'getChildAddressHierarchyEntries.form',
  'getPossibleAddressHierarchyEntries.form',
  'getPossibleAddressHierarchyEntriesWithParents.form',
  'getPossibleFullAddresses.form',
  'getPossibleFullAddressesForAddressHierarchyEntry.form',
]);

export const addresshierarchy: Controller = {
  name: 'addresshierarchy',
  handlers: {},
  route: async (segments, _method, ctx) => {
    const [ajax, page] = segments;
    if (ajax !== 'ajax' || segments.length !== 2) throw unknownResource(`addresshierarchy/${segments.join('/')}`);
    if (SEARCHES.has(page)) return ok([]);
    if (page !== 'getOrderedAddressHierarchyLevels.form') throw unknownResource(`addresshierarchy/ajax/${page}`);
    const template = await readAddressTemplate(ctx);
    const names = (template.nameMappings ?? {}) as Record<string, string>;
    const required = (template.requiredElements ?? []) as string[];
    return ok(
      LEVEL_FIELDS.map((field) => ({
        name: names[field] ?? field,
        addressField: field,
        required: required.includes(field),
      })),
    );
  },
};
