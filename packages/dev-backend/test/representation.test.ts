import { parsePropertyList, parseRepresentation } from '../src';

test('named representations', () => {
  expect(parseRepresentation('ref')).toEqual({ kind: 'ref' });
  expect(parseRepresentation('default')).toEqual({ kind: 'default' });
  expect(parseRepresentation('full')).toEqual({ kind: 'full' });
});

test('a nested custom representation', () => {
  expect(
    parseRepresentation('custom:(uuid,display,person:(uuid,display),identifiers:(identifier,identifierType:(name)))'),
  ).toEqual({
    kind: 'custom',
    properties: [
      { name: 'uuid', representation: { kind: 'default' } },
      { name: 'display', representation: { kind: 'default' } },
      {
        name: 'person',
        representation: {
          kind: 'custom',
          properties: [
            { name: 'uuid', representation: { kind: 'default' } },
            { name: 'display', representation: { kind: 'default' } },
          ],
        },
      },
      {
        name: 'identifiers',
        representation: {
          kind: 'custom',
          properties: [
            { name: 'identifier', representation: { kind: 'default' } },
            {
              name: 'identifierType',
              representation: { kind: 'custom', properties: [{ name: 'name', representation: { kind: 'default' } }] },
            },
          ],
        },
      },
    ],
  });
});

test('nested named representations, in any case', () => {
  expect(parsePropertyList('(location:ref,encounterType:FULL,patient:default,obs)')).toEqual([
    { name: 'location', representation: { kind: 'ref' } },
    { name: 'encounterType', representation: { kind: 'full' } },
    { name: 'patient', representation: { kind: 'default' } },
    { name: 'obs', representation: { kind: 'default' } },
  ]);
});

test('declarations may leave out the outer parentheses and hold spaces', () => {
  expect(parsePropertyList('uuid, tags:ref ,parentLocation:(uuid)').map((p) => p.name)).toEqual([
    'uuid',
    'tags',
    'parentLocation',
  ]);
});

test('unbalanced parentheses are read as ConversionUtil reads them; unknown names are refused', () => {
  // O3's chart leaves the last nested list open: the trailing ")" closes it instead of the outer one.
  expect(parseRepresentation('custom:(uuid,person:(uuid,display)')).toEqual({
    kind: 'custom',
    properties: [
      { name: 'uuid', representation: { kind: 'default' } },
      {
        name: 'person',
        representation: {
          kind: 'custom',
          properties: [
            { name: 'uuid', representation: { kind: 'default' } },
            { name: 'display', representation: { kind: 'default' } },
          ],
        },
      },
    ],
  });
  // A stray ")" stays in the property name, which the resource then does not know.
  expect(parsePropertyList('(uuid))').map((p) => p.name)).toEqual(['uuid)']);
  expect(() => parseRepresentation('fancy')).toThrow(/Unknown representation/);
});
