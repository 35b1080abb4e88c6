import { formatIssue, validateConfiguration, type ValidationIssue } from '../src';
import { append, FIXTURE, fixtureCopy, replace } from './helpers';

const YES = 'e1d81b62-1d5f-11e0-b929-000c29ad1d07';

function issuesWith(edits: Parameters<typeof fixtureCopy>[0]): ValidationIssue[] {
  return validateConfiguration(fixtureCopy(edits));
}

/** Exactly one issue, at this place, whose message contains the fragment. */
function expectIssue(
  issues: ValidationIssue[],
  file: string,
  line: number,
  field: string | undefined,
  fragment: string,
) {
  expect(issues.map(formatIssue)).toHaveLength(1);
  expect(issues[0]).toMatchObject({ file, line, ...(field ? { field } : {}) });
  expect(issues[0].message).toContain(fragment);
}

test('the fixture is valid', () => {
  expect(validateConfiguration(FIXTURE)).toEqual([]);
});

test('formats an issue as file:line [field]: message', () => {
  expect(formatIssue({ file: 'concepts/concepts.csv', line: 12, field: 'Answers', message: 'x' })).toBe(
    'concepts/concepts.csv:12 [Answers]: x',
  );
});

describe('malformed CSV', () => {
  test('unterminated quote', () => {
    const issues = issuesWith({
      'visittypes/visittypes.csv': append('0b7e0f6a-2a3c-4c55-9d0b-1a2b3c4d5e6f,false,"OPEN,x,9'),
    });
    expectIssue(issues, 'visittypes/visittypes.csv', 3, undefined, 'Unterminated quoted field');
  });

  test('a row with another column count than the header', () => {
    const issues = issuesWith({ 'visittypes/visittypes.csv': append('0b7e0f6a-2a3c-4c55-9d0b-1a2b3c4d5e6f,false,X') });
    expectIssue(issues, 'visittypes/visittypes.csv', 3, undefined, 'Expected 5 columns');
  });

  test('duplicate header', () => {
    const issues = issuesWith({ 'visittypes/visittypes.csv': replace('Description,EPTS id', 'Name,EPTS id') });
    expectIssue(issues, 'visittypes/visittypes.csv', 1, undefined, 'Duplicate header "Name"');
  });
});

test('unknown header', () => {
  const issues = issuesWith({ 'visittypes/visittypes.csv': replace('Void/Retire,', 'Void/Retyre,') });
  expectIssue(issues, 'visittypes/visittypes.csv', 1, 'Void/Retyre', 'Unknown header');
});

test('a column the loader writes may not be left out: it would blank every row', () => {
  const description = issuesWith({ 'visittypes/visittypes.csv': replace('Description,', 'Descripton,') });
  expect(description.map(formatIssue)).toContain('visittypes/visittypes.csv:1 [Description]: Missing required header');
});

test('missing required header', () => {
  const issues = issuesWith({
    'forms/forms.csv': (t) => t.replace('Description,Version,', 'Description,').replace(',1,e279133c', ',e279133c'),
  });
  expectIssue(issues, 'forms/forms.csv', 1, 'Version', 'Missing required header');
});

test('missing required value', () => {
  const issues = issuesWith({ 'encountertypes/encountertypes.csv': replace(',S.TARV: FARMACIA,', ',,') });
  expectIssue(issues, 'encountertypes/encountertypes.csv', 2, 'Name', 'A value is required');
});

test('malformed uuid', () => {
  const issues = issuesWith({ 'visittypes/visittypes.csv': replace('b5e7993c-7429', 'b5e7993c-742') });
  expectIssue(issues, 'visittypes/visittypes.csv', 2, 'Uuid', 'Malformed uuid');
});

test('duplicate uuid within a domain', () => {
  const issues = issuesWith({
    'visittypes/visittypes.csv': append('b5e7993c-7429-4c63-bb82-a66cd15553b0,false,OUTRA,Outra,'),
  });
  expectIssue(
    issues,
    'visittypes/visittypes.csv',
    3,
    'Uuid',
    'Duplicate uuid b5e7993c-7429-4c63-bb82-a66cd15553b0: also at visittypes/visittypes.csv:2',
  );
});

test('the same uuid in two domains', () => {
  const issues = issuesWith({
    'visittypes/visittypes.csv': append('e279133c-1d5f-11e0-b929-000c29ad1d07,false,OUTRA,Outra,'),
  });
  // Reported where the later domain in load order (encounter types) uses it again.
  expectIssue(
    issues,
    'encountertypes/encountertypes.csv',
    2,
    'Uuid',
    'already used by a visit type at visittypes/visittypes.csv:3',
  );
});

test('duplicate EPTS id within a domain', () => {
  const issues = issuesWith({
    'visittypes/visittypes.csv': append('0b7e0f6a-2a3c-4c55-9d0b-1a2b3c4d5e6f,false,OUTRA,Outra,8'),
  });
  expectIssue(issues, 'visittypes/visittypes.csv', 3, 'EPTS id', 'Duplicate EPTS id 8');
});

test('non-integer EPTS id', () => {
  const issues = issuesWith({ 'visittypes/visittypes.csv': replace(',8\n', ',8a\n') });
  expectIssue(issues, 'visittypes/visittypes.csv', 2, 'EPTS id', 'Not an integer: "8a"');
});

test('invalid boolean', () => {
  const issues = issuesWith({ 'forms/forms.csv': replace(',true,130', ',sim,130') });
  expectIssue(issues, 'forms/forms.csv', 2, 'Published', 'Not a boolean: "sim"');
});

test('dangling reference names the uuid and the expected domain', () => {
  const missing = '11111111-2222-4333-8444-555555555555';
  const issues = issuesWith({ 'forms/forms.csv': replace('e279133c-1d5f-11e0-b929-000c29ad1d07', missing) });
  expectIssue(
    issues,
    'forms/forms.csv',
    2,
    'Encounter type',
    `No encounter type with uuid ${missing} (expected in encountertypes/)`,
  );
});

test('a concept answer that is a drug says what it is', () => {
  const drug = 'd1f0a7c2-6b0e-4c8f-9a51-1f2e3d4c5b6a';
  const issues = issuesWith({ 'concepts/concepts.csv': replace(`${YES};`, `${drug};`) });
  expectIssue(issues, 'concepts/concepts.csv', 4, 'Answers', `${drug} is a drug (drugs/drugs.csv:2), not a concept`);
});

test('a set member that is a location says what it is', () => {
  const location = '2a8aa060-ef13-5f19-a460-593247a1cb87';
  const issues = issuesWith({
    'concepts/concepts.csv': replace(';e1e2efd8-1d5f-11e0-b929-000c29ad1d07,', `;${location},`),
  });
  expectIssue(
    issues,
    'concepts/concepts.csv',
    10,
    'Members',
    'is a location (locations/locations.csv:2), not a concept',
  );
});

test('unknown concept class', () => {
  const issues = issuesWith({ 'concepts/concepts.csv': replace(',Question,Date,', ',Pergunta,Date,') });
  expectIssue(issues, 'concepts/concepts.csv', 5, 'Data class', 'Unknown concept class "Pergunta"');
});

test('unknown concept datatype', () => {
  const issues = issuesWith({ 'concepts/concepts.csv': replace(',Question,Date,', ',Question,Data,') });
  expectIssue(issues, 'concepts/concepts.csv', 5, 'Data type', 'Unknown concept datatype "Data"');
});

test('duplicate fully specified name in a locale among non-retired concepts', () => {
  const line = '0c0c0c0c-1d5f-41e0-b929-000c29ad1d07,false,Sim,AFFIRMATIVE,,,Misc,N/A,,,,,,,,';
  const issues = issuesWith({ 'concepts/concepts.csv': append(line) });
  expectIssue(
    issues,
    'concepts/concepts.csv',
    11,
    'Fully specified name:pt',
    `"Sim" (pt) is also the name of concept ${YES}`,
  );
  // A retired concept may keep the name.
  expect(issuesWith({ 'concepts/concepts.csv': append(line.replace(',false,', ',true,')) })).toEqual([]);
});

test('a role privilege neither configured nor in OpenMRS core', () => {
  const issues = issuesWith({ 'roles/roles.csv': replace('Get Patients', 'Get Patientz') });
  expectIssue(
    issues,
    'roles/roles.csv',
    2,
    'Privileges',
    'Unknown privilege "Get Patientz": not in privileges/ nor in OpenMRS core',
  );
});

test('malformed global-property XML', () => {
  const issues = issuesWith({
    'globalproperties/globalproperties.xml': replace('<value>pt</value>', '<value>pt</valeu>'),
  });
  expectIssue(issues, 'globalproperties/globalproperties.xml', 6, undefined, 'Malformed XML');
});

test('a global property without a name', () => {
  const issues = issuesWith({
    'globalproperties/globalproperties.xml': replace('<property>default_locale</property>', ''),
  });
  expectIssue(issues, 'globalproperties/globalproperties.xml', 4, undefined, 'needs a non-empty <property>');
});

test('a location tag column for an unknown tag', () => {
  const issues = issuesWith({ 'locations/locations.csv': replace('Tag|PS', 'Tag|Posto') });
  expectIssue(issues, 'locations/locations.csv', 1, 'Tag|Posto', 'Unknown location tag "Posto"');
});

test('an attribute value that does not match its regex', () => {
  const issues = issuesWith({ 'locations/locations.csv': replace(',1010406,', ',101040,') });
  expectIssue(issues, 'locations/locations.csv', 2, 'Attribute|Health Facility Code', 'does not match');
});

describe('metadata term mappings', () => {
  const file = 'metadatatermmappings/terms.csv';

  test('a term whose uuid is not a row of its class', () => {
    // The visit type's uuid, declared as an encounter type.
    const issues = issuesWith({
      [file]: append(
        '0b7e0f6a-2a3c-4c55-9d0b-1a2b3c4d5e60,false,poc-emr,encounterType.pickup,org.openmrs.EncounterType,b5e7993c-7429-4c63-bb82-a66cd15553b0',
      ),
    });
    expectIssue(issues, file, 4, 'Metadata uuid', 'b5e7993c-7429-4c63-bb82-a66cd15553b0');
  });

  test('the same code twice in one source', () => {
    const issues = issuesWith({
      [file]: append(
        '0b7e0f6a-2a3c-4c55-9d0b-1a2b3c4d5e60,false,poc-emr,encounterType.fila,org.openmrs.EncounterType,e278f956-1d5f-11e0-b929-000c29ad1d07',
      ),
    });
    expectIssue(issues, file, 4, 'Mapping code', 'already mapped at metadatatermmappings/terms.csv:2');
  });

  test('an unknown metadata class', () => {
    const issues = issuesWith({ [file]: replace('org.openmrs.EncounterRole,', 'org.openmrs.Encounter,') });
    expectIssue(issues, file, 3, 'Metadata class name', 'org.openmrs.Encounter');
  });
});

describe('address hierarchy', () => {
  const CONFIG = 'addresshierarchy/addressConfiguration.xml';
  const ENTRIES = 'addresshierarchy/entries.csv';

  test('a line must name a declared parent, spelled as declared', () => {
    expectIssue(
      issuesWith({ [ENTRIES]: append('Moçambique,Nyassa,Lago') }),
      ENTRIES,
      8,
      undefined,
      'The parent Moçambique > Nyassa is not on an earlier line',
    );
    expectIssue(
      issuesWith({ [ENTRIES]: append('Moçambique,NIASSA,Lago') }),
      ENTRIES,
      8,
      undefined,
      'is spelled Moçambique > Niassa on line 2',
    );
  });

  test('duplicates, also by case or accents', () => {
    expectIssue(issuesWith({ [ENTRIES]: append('Moçambique,Niassa') }), ENTRIES, 8, undefined, 'also on line 2');
    expectIssue(
      issuesWith({ [ENTRIES]: append('Moçambique,Niassa,Cuambá') }),
      ENTRIES,
      8,
      undefined,
      'differs only in case or accents from Moçambique > Niassa > Cuamba on line 6',
    );
  });

  test('a line deeper than the levels, or with an empty name', () => {
    expectIssue(
      issuesWith({ [ENTRIES]: append('Moçambique,Niassa,Cuamba,Cuamba-Sede,Bairro 1') }),
      ENTRIES,
      8,
      undefined,
      'Unknown level: 5 names, but addresshierarchy/addressConfiguration.xml has 4 levels',
    );
    expectIssue(issuesWith({ [ENTRIES]: append('Moçambique,,Lago') }), ENTRIES, 8, undefined, 'level 2 (Província)');
  });

  test('an unknown address field, a regex delimiter', () => {
    expectIssue(
      issuesWith({ [CONFIG]: replace('<field>ADDRESS_2</field>', '<field>POSTO</field>') }),
      CONFIG,
      22,
      'field',
      'Unknown address field "POSTO"',
    );
    expectIssue(
      issuesWith({ [CONFIG]: replace('<entryDelimiter>,</entryDelimiter>', '<entryDelimiter>|</entryDelimiter>') }),
      CONFIG,
      1,
      'entryDelimiter',
      'splits lines by the regex "|"',
    );
  });

  test("a location's address must be a path of the hierarchy", () => {
    expectIssue(
      issuesWith({
        'locations/locations.csv': replace(',Niassa,Chimbonila,Moçambique', ',Niassa,Chimbonilla,Moçambique'),
      }),
      'locations/locations.csv',
      2,
      'County/District',
      '"Chimbonilla" is not a Distrito in Moçambique > Niassa of addresshierarchy/entries.csv',
    );
  });

  test('layout.address.format must describe the levels of addressConfiguration.xml', () => {
    const template = (district: string) =>
      [
        '<org.openmrs.layout.address.AddressTemplate><nameMappings class="properties">',
        '<property name="country" value="País"/><property name="stateProvince" value="Província"/>',
        `<property name="countyDistrict" value="${district}"/><property name="address2" value="Posto Administrativo"/>`,
        '</nameMappings><sizeMappings class="properties"><property name="country" value="40"/>',
        '<property name="stateProvince" value="40"/><property name="countyDistrict" value="40"/>',
        '<property name="address2" value="40"/></sizeMappings><elementDefaults class="properties">',
        '<property name="country" value="Moçambique"/></elementDefaults><lineByLineFormat><string>country</string>',
        '<string>stateProvince countyDistrict</string><string>address2</string></lineByLineFormat>',
        '<requiredElements><string>country</string></requiredElements></org.openmrs.layout.address.AddressTemplate>',
      ].join('');
    const gp = (district: string) => (t: string) =>
      t.replace(
        '  </globalProperties>',
        `    <globalProperty>\n      <property>layout.address.format</property>\n      <value><![CDATA[${template(district)}]]></value>\n    </globalProperty>\n  </globalProperties>`,
      );
    const file = 'globalproperties/globalproperties.xml';
    expect(issuesWith({ [file]: gp('Distrito') })).toEqual([]);
    expectIssue(
      issuesWith({ [file]: gp('District') }),
      file,
      12,
      'layout.address.format',
      'nameMappings differ from addresshierarchy/addressConfiguration.xml: countyDistrict is "District" here, "Distrito" there',
    );
  });
});

describe('chart metadata', () => {
  const FREQUENCIES = 'orderfrequencies/orderfrequencies.csv';
  const frequencies =
    (...lines: string[]) =>
    () =>
      ['Uuid,Void/Retire,Frequency per day,Concept frequency', ...lines].map((l) => `${l}\n`).join('');

  test('an order frequency whose concept is not of the Frequency class', () => {
    const issues = issuesWith({ [FREQUENCIES]: frequencies(`0b7e0f6a-2a3c-4c55-9d0b-1a2b3c4d5e6f,,1,${YES}`) });
    expectIssue(issues, FREQUENCIES, 2, 'Concept frequency', 'is a Misc concept, not a Frequency');
  });

  test('a concept file that uses a concept of a file Initializer may load after it', () => {
    const SET = 'c1b1f3a0-9c2f-4d0e-8c7e-2b1d8d1c0a01';
    const withoutSet = (t: string) =>
      t
        .split('\n')
        .filter((l) => !l.startsWith(SET))
        .join('\n');
    /** Adds Initializer's `_order:N` header (an empty cell on every row). */
    const ordered = (n: number) => (t: string) =>
      t
        .split('\n')
        .map((l, i) => (i === 0 ? `${l},_order:${n}` : l === '' ? l : `${l},`))
        .join('\n');
    const sets =
      'Uuid,Fully specified name:pt,Description:en,Data class,Data type,Members,EPTS id\n' +
      `${SET},SINAIS VITAIS,,Regimen,N/A,e1d6247e-1d5f-11e0-b929-000c29ad1d07,\n`;
    const issues = issuesWith({ 'concepts/concepts.csv': withoutSet, 'concepts/sets.csv': () => sets });
    expectIssue(issues, 'concepts/sets.csv', 2, 'Members', 'give the files _order headers');
    const fixed = issuesWith({
      'concepts/concepts.csv': (t) => ordered(1)(withoutSet(t)),
      'concepts/sets.csv': () => ordered(2)(sets),
    });
    expect(fixed.map(formatIssue)).toEqual([]);
  });

  describe('O3 form schemas (ampathforms)', () => {
    const FORM = 'ampathforms/form.json';
    const CD4_UNKNOWN = '0d6a8e8e-4b5c-4b8a-9d9e-1f2a3b4c5d6e';
    const form = (fields: Record<string, unknown>) => () =>
      JSON.stringify({
        name: 'Nota',
        version: '1',
        published: true,
        retired: false,
        encounter: 'S.TARV: FARMACIA',
        pages: [],
        ...fields,
      });

    test('a valid form', () => {
      expect(issuesWith({ [FORM]: form({}) })).toEqual([]);
    });

    test('malformed JSON', () => {
      expectIssue(issuesWith({ [FORM]: () => '{"name": ' }), FORM, 1, undefined, 'Malformed JSON');
    });

    test('no name, no version, published not a boolean', () => {
      const issues = issuesWith({ [FORM]: form({ name: '', version: undefined, published: 'yes' }) });
      expect(issues.map((i) => i.field)).toEqual(['name', 'version', 'published']);
    });

    test('an encounter type Initializer cannot find by name', () => {
      const issues = issuesWith({ [FORM]: form({ encounter: 'FARMACIA' }) });
      expectIssue(issues, FORM, 1, 'encounter', 'No encounter type named "FARMACIA"');
    });

    describe('questions are checked against concepts/', () => {
      const PREGNANT = 'e1e056a6-1d5f-11e0-b929-000c29ad1d07';
      const YES = 'e1d81b62-1d5f-11e0-b929-000c29ad1d07';
      const NEXT_PICKUP = 'e1e2efd8-1d5f-11e0-b929-000c29ad1d07';
      const question = (id: string, rendering: string, concept: string, answers?: string[]) => ({
        id,
        type: 'obs',
        questionOptions: { rendering, concept, ...(answers ? { answers: answers.map((a) => ({ concept: a })) } : {}) },
      });
      const withQuestions = (...questions: unknown[]) =>
        form({ pages: [{ label: 'P', sections: [{ label: 'S', questions }] }] });
      // JSON.stringify without indentation puts everything on line 1; the pretty-printed forms of the
      // distro get the question's own line.
      const pretty = (edit: () => string) => () => JSON.stringify(JSON.parse(edit()), null, 2);

      test('questions whose concepts, answers and renderings fit', () => {
        const issues = issuesWith({
          [FORM]: withQuestions(question('pregnant', 'radio', PREGNANT, [YES]), question('next', 'date', NEXT_PICKUP)),
        });
        expect(issues).toEqual([]);
      });

      test('a concept the dictionary lacks, named at the line of its question', () => {
        const issues = issuesWith({
          [FORM]: pretty(withQuestions(question('next', 'date', NEXT_PICKUP), question('cd4', 'number', CD4_UNKNOWN))),
        });
        expectIssue(issues, FORM, 23, 'cd4', `No concept with uuid ${CD4_UNKNOWN} in concepts/`);
      });

      test("an answer that is not one of the concept's answers", () => {
        const TRANSFERRED_OUT = 'e1de1cf6-1d5f-11e0-b929-000c29ad1d07';
        const issues = issuesWith({
          [FORM]: withQuestions(question('pregnant', 'radio', PREGNANT, [TRANSFERRED_OUT])),
        });
        expectIssue(issues, FORM, 1, 'pregnant', `${TRANSFERRED_OUT} is not one of the answers of concept ${PREGNANT}`);
      });

      test('an answer the dictionary lacks, and an answer without a concept', () => {
        const issues = issuesWith({
          [FORM]: withQuestions(question('pregnant', 'radio', PREGNANT, [CD4_UNKNOWN]), {
            id: 'p2',
            type: 'obs',
            questionOptions: { rendering: 'radio', concept: PREGNANT, answers: [{ label: 'Sim' }] },
          }),
        });
        expect(issues.map((i) => [i.field, i.message])).toEqual([
          ['pregnant', `No concept with uuid ${CD4_UNKNOWN} in concepts/ (an answer)`],
          ['p2', 'An answer without a concept uuid'],
        ]);
      });

      test('a rendering that writes another obs column than the datatype (in an obs group too)', () => {
        const issues = issuesWith({
          [FORM]: withQuestions({
            id: 'group',
            type: 'obsGroup',
            questionOptions: { rendering: 'group' },
            questions: [question('next', 'number', NEXT_PICKUP)],
          }),
        });
        expectIssue(issues, FORM, 1, 'next', 'Rendering "number" does not fit concept');
        expect(issues[0].message).toContain('whose datatype is Date');
      });
    });
  });
});
