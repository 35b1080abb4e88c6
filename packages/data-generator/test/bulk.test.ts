import { connect } from '@poc-emr/db';
import { createTestDatabase, dropDatabase } from '@poc-emr/db/src/testing';
import { BulkLoader } from '../src/bulk';
import { tsvRow } from '../src/tsv';

describe('BulkLoader', () => {
  let database: string;
  beforeAll(async () => {
    database = await createTestDatabase('bulk');
  });
  afterAll(() => dropDatabase(database));

  const person = (id: number, gender: string) =>
    tsvRow([
      id,
      gender,
      '1990-01-01',
      false,
      false,
      null,
      1,
      '2020-01-01 08:00:00',
      false,
      null,
      null,
      null,
      `00000000-0000-4000-8000-${String(id).padStart(12, '0')}`,
    ]);

  it('loads what it is given into every table, rows counted', async () => {
    const loader = await BulkLoader.open(database);
    loader.write('person', person(100, 'F'));
    loader.write('person', person(101, 'M'));
    await loader.finish();
    expect(loader.rowCounts().person).toBe(2);
    const conn = await connect({ database });
    const [rows] = (await conn.query(
      'SELECT person_id, gender FROM person WHERE person_id >= 100 ORDER BY 1',
    )) as unknown as [unknown[]];
    await conn.end();
    expect(rows).toEqual([
      { person_id: 100, gender: 'F' },
      { person_id: 101, gender: 'M' },
    ]);
  });

  it('fails, naming the table, when the database would silently alter a value', async () => {
    const loader = await BulkLoader.open(database);
    loader.write('person', person(102, 'X'.repeat(60))); // person.gender is varchar(50)
    await expect(loader.finish()).rejects.toThrow(
      /Loading person gave 1 warning\(s\): Data truncated for column 'gender'/,
    );
  });
});
