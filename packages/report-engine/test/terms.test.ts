import { resolveReportTerms } from '../src';
import { Timeline } from './timeline';

test('a database lacking a metadata uuid the reports need is refused, naming the uuid and the database', async () => {
  const t = await Timeline.create();
  try {
    await t.conn.query("UPDATE encounter_type SET uuid = UUID() WHERE uuid = 'e279133c-1d5f-11e0-b929-000c29ad1d07'");
    await expect(resolveReportTerms(t.conn, t.database)).rejects.toThrow(
      new RegExp(`${t.database} lacks org.openmrs.EncounterType e279133c-1d5f-11e0-b929-000c29ad1d07`),
    );
  } finally {
    await t.close();
  }
});
