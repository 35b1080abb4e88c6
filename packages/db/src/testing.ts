import crypto from 'node:crypto';
import { createDatabase, dropDatabase } from './database';

/** A fresh OpenMRS database for one test suite; drop it in afterAll. */
export async function createTestDatabase(prefix = 't'): Promise<string> {
  const name = `${prefix}_${crypto.randomBytes(5).toString('hex')}`;
  await createDatabase(name);
  return name;
}

export { dropDatabase };
