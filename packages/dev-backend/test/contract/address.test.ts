import { contractSuite } from './target';

// The address endpoints the O3 registration app calls: the address template (layout.address.format).

const suite = contractSuite();

test('addresstemplate: the Mozambican levels in Portuguese, line by line, with tokens', async () => {
  const { status, body } = await suite.admin.rest('addresstemplate');
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

const get = async (page: string) => {
  const { status, body } = await suite.admin.request(`${AJAX}/${page}`);
  return [status, body];
};
const MANHICA = ['Manhiça-Sede', '3 de Fevereiro', 'Calanga', 'Ilha Josina Machel', 'Maluana', 'Xinavane'];

test("address hierarchy levels: the layout's fields, top-down, with their names", async () => {
  expect(await get('getOrderedAddressHierarchyLevels.form')).toEqual([
    200,
    [
      { name: 'País', addressField: 'country', required: true },
      { name: 'Província', addressField: 'stateProvince', required: true },
      { name: 'Distrito', addressField: 'countyDistrict', required: true },
      { name: 'Posto Administrativo', addressField: 'address2', required: false },
      { name: 'Localidade', addressField: 'address6', required: false },
      { name: 'Bairro', addressField: 'address5', required: false },
      { name: 'Célula', addressField: 'address3', required: false },
      { name: 'Casa / Ponto de referência', addressField: 'address1', required: false },
    ],
  ]);
});

test('child entries: by the path of names above, sorted, ignoring case and accents', async () => {
  expect(await get('getChildAddressHierarchyEntries.form')).toEqual([200, [{ name: 'Moçambique' }]]);
  const [, provinces] = await get('getChildAddressHierarchyEntries.form?searchString=Mo%C3%A7ambique');
  expect(provinces).toHaveLength(11);
  expect(provinces).toContainEqual({ name: 'Maputo Província' });
  const [, districts] = await get(
    `getChildAddressHierarchyEntries.form?searchString=${encodeURIComponent('Moçambique|Maputo Província')}`,
  );
  expect(districts.map((d: { name: string }) => d.name)).toEqual([
    'Boane',
    'Magude',
    'Manhiça',
    'Marracuene',
    'Matola',
    'Matutuíne',
    'Moamba',
    'Namaacha',
  ]);
  const postos = [...MANHICA].sort().map((name) => ({ name }));
  for (const path of [
    'Moçambique|Maputo Província|Manhiça',
    'MOCAMBIQUE|maputo provincia|manhica',
    '|Maputo Província|Manhiça',
  ]) {
    expect(await get(`getChildAddressHierarchyEntries.form?searchString=${encodeURIComponent(path)}`)).toEqual([
      200,
      postos,
    ]);
  }
  expect(
    await get(`getChildAddressHierarchyEntries.form?searchString=${encodeURIComponent('Moçambique|Nowhere')}`),
  ).toEqual([200, []]);
  // A path as deep as the levels leaves no level to list: the module fails.
  const tooDeep = Array(8).fill('x').join('|');
  expect(
    (await suite.admin.request(`${AJAX}/getChildAddressHierarchyEntries.form?searchString=${tooDeep}`)).status,
  ).toBe(500);
});

test('entries with parents: by prefix at a level, or anywhere in the name under a parent; limited', async () => {
  const [status, body] = await get(
    'getPossibleAddressHierarchyEntriesWithParents.form?addressField=countyDistrict&limit=20&searchString=manhi&parentUuid=',
  );
  expect(status).toBe(200);
  expect(body).toEqual([
    {
      name: 'Manhiça',
      uuid: expect.stringMatching(/^[0-9a-f-]{36}$/),
      userGeneratedId: null,
      parent: {
        name: 'Maputo Província',
        uuid: expect.any(String),
        userGeneratedId: null,
        parent: { name: 'Moçambique', uuid: expect.any(String), userGeneratedId: null },
      },
    },
  ]);
  const [, ma] = await get(
    'getPossibleAddressHierarchyEntriesWithParents.form?addressField=countyDistrict&limit=3&searchString=Ma',
  );
  expect(ma).toHaveLength(3);
  const [, underManhica] = await get(
    `getPossibleAddressHierarchyEntriesWithParents.form?addressField=address2&searchString=a&parentUuid=${body[0].uuid}`,
  );
  expect(underManhica.map((e: { name: string }) => e.name)).toEqual(
    MANHICA.filter((n) => /a/i.test(n)).sort((a, b) => a.localeCompare(b)),
  );
  expect(underManhica.every((e: { parent: { uuid: string } }) => e.parent.uuid === body[0].uuid)).toBe(true);
  // Another province's districts are not under Maputo Província.
  const [, none] = await get(
    `getPossibleAddressHierarchyEntriesWithParents.form?addressField=countyDistrict&searchString=Cuamba&parentUuid=${body[0].parent.uuid}`,
  );
  expect(none).toEqual([]);
  for (const page of [
    'getPossibleAddressHierarchyEntriesWithParents.form?addressField=cityVillage&searchString=Ma',
    'getPossibleAddressHierarchyEntriesWithParents.form?addressField=nofield&searchString=Ma',
    'getPossibleAddressHierarchyEntriesWithParents.form?addressField=countyDistrict&searchString=Ma&limit=0',
    'getPossibleAddressHierarchyEntriesWithParents.form?addressField=countyDistrict&searchString=',
  ]) {
    expect(await get(page)).toEqual([200, []]);
  }
  expect(
    (await suite.admin.request(`${AJAX}/getPossibleAddressHierarchyEntriesWithParents.form?searchString=Ma`)).status,
  ).toBe(400);
});

test('full addresses: every word in the address, accents aside, joined by the separator', async () => {
  const [status, body] = await get(
    `getPossibleFullAddresses.form?separator=${encodeURIComponent(' > ')}&searchString=manhica`,
  );
  expect(status).toBe(200);
  expect(body).toHaveLength(6);
  expect(body).toContainEqual({ address: 'Moçambique > Maputo Província > Manhiça > Xinavane' });
  const [, two] = await get('getPossibleFullAddresses.form?separator=%7C&searchString=manhi%C3%A7a%20xina');
  expect(two).toEqual([{ address: 'Moçambique|Maputo Província|Manhiça|Xinavane' }]);
  expect(await get('getPossibleFullAddresses.form?searchString=')).toEqual([200, []]);
  const [, names] = await get('getPossibleAddressHierarchyEntries.form?addressField=countyDistrict&searchString=manhi');
  expect(names).toEqual([{ name: 'Manhiça' }]);
  const [, below] = await get(
    'getPossibleFullAddressesForAddressHierarchyEntry.form?addressField=countyDistrict&entryName=MANHICA&separator=,',
  );
  expect(below).toHaveLength(6);
});

test('other pages are unknown', async () => {
  expect((await suite.admin.request(`${AJAX}/nothing.form`)).status).toBe(404);
  expect((await suite.admin.request(`${AJAX}/constructor`)).status).toBe(404);
  expect((await suite.admin.request('/module/nosuchmodule/page.form')).status).toBe(404);
});
