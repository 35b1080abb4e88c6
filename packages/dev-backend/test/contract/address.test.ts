import { Client } from './client';
import { startTarget, type Target } from './target';

// The address endpoints the O3 registration app calls: the address template (layout.address.format).

let target: Target;
let admin: Client;

beforeAll(async () => {
  target = await startTarget();
  admin = await new Client(target.url).logIn(target.admin);
});
afterAll(() => target?.close());

test('addresstemplate: the Mozambican levels in Portuguese, line by line, with tokens', async () => {
  const { status, body } = await admin.rest('addresstemplate');
  expect(status).toBe(200);
  expect(body).toMatchObject({ displayName: null, codeName: 'default', country: null, elementRegex: null });
  expect(body.nameMappings).toMatchObject({
    stateProvince: 'Província',
    countyDistrict: 'Distrito',
    address2: 'Posto Administrativo',
    address6: 'Localidade',
    address5: 'Bairro',
  });
  expect(body.sizeMappings.address1).toBe('60');
  expect(body.elementDefaults).toEqual({ country: 'Moçambique' });
  expect(body.requiredElements).toEqual(['country', 'stateProvince', 'countyDistrict']);
  expect(body.lineByLineFormat.slice(0, 3)).toEqual(['country', 'stateProvince', 'countyDistrict']);
  expect(body.lines[1]).toEqual([
    { isToken: 'IS_NOT_ADDR_TOKEN', displayText: '' },
    { isToken: 'IS_ADDR_TOKEN', displayText: 'Província', codeName: 'stateProvince', displaySize: '40' },
  ]);
});

const AJAX = '/module/addresshierarchy/ajax';

test('address hierarchy levels: Província → Distrito → Posto Administrativo → Localidade → Bairro', async () => {
  const { status, body } = await admin.request(`${AJAX}/getOrderedAddressHierarchyLevels.form`);
  expect(status).toBe(200);
  expect(body).toEqual([
    { name: 'Província', addressField: 'stateProvince', required: true },
    { name: 'Distrito', addressField: 'countyDistrict', required: true },
    { name: 'Posto Administrativo', addressField: 'address2', required: false },
    { name: 'Localidade', addressField: 'address6', required: false },
    { name: 'Bairro', addressField: 'address5', required: false },
  ]);
});

test('address hierarchy searches answer empty lists (no entries yet); other pages are unknown', async () => {
  for (const page of [
    'getChildAddressHierarchyEntries.form?searchString=Maputo',
    'getPossibleFullAddresses.form?separator=%7C&searchString=Manhi',
    'getPossibleAddressHierarchyEntriesWithParents.form?addressField=countyDistrict&limit=20&searchString=Man&parentUuid=',
  ]) {
    const { status, body } = await admin.request(`${AJAX}/${page}`);
    expect([status, body]).toEqual([200, []]);
  }
  expect((await admin.request(`${AJAX}/nothing.form`)).status).toBe(404);
  expect((await admin.request('/module/nosuchmodule/page.form')).status).toBe(404);
});
