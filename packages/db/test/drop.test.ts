import { connect, databaseMark, DATABASE_MARK, dropDatabase, markDatabase } from '../src';
import { createTestDatabase } from '../src/testing';

// Our tools drop only what they created: the databases they mark, never a system schema or a restored one.

async function sql(text: string): Promise<void> {
  const conn = await connect();
  try {
    await conn.query(text);
  } finally {
    await conn.end();
  }
}

test('a database we created carries our mark, can be re-marked and dropped', async () => {
  const name = await createTestDatabase('mark');
  expect(await databaseMark(name)).toBe(`${DATABASE_MARK}: OpenMRS database`);
  await markDatabase(name, 'a test facility');
  expect(await databaseMark(name)).toBe(`${DATABASE_MARK}: a test facility`);
  await dropDatabase(name);
  expect(await databaseMark(name)).toBeNull();
  await expect(dropDatabase(name)).resolves.toBeUndefined(); // already gone: nothing to do
});

test('a database without our mark is refused and kept; system schemas always', async () => {
  const name = `restored_${process.pid}`;
  await sql(`CREATE DATABASE ${name}`);
  try {
    await expect(dropDatabase(name)).rejects.toThrow(/not created by poc-emr's tools/);
    expect(await databaseMark(name)).toBe('');
  } finally {
    await sql(`DROP DATABASE ${name}`);
  }
  for (const schema of ['mysql', 'sys', 'performance_schema', 'information_schema']) {
    await expect(dropDatabase(schema)).rejects.toThrow(/system schema/);
  }
});
