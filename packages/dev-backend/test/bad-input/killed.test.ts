import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { createTestDatabase, dropDatabase } from '@poc-emr/db/src/testing';
import { loadMetadata } from '@poc-emr/metadata';
import { seedDemoUsers } from '../../src';
import { openDatabase, type Database } from '../../src/database';
import { Client } from '../contract/client';
import { atHdManhica, HD_MANHICA, NID_TYPE } from '../contract/patients';

// The dev backend killed (SIGKILL) while registrations stream in: every registration it acknowledged is
// whole in the database, and every other one is either whole or absent — never a person without their
// patient row, name or NID.

let database: string;
let db: Database;
let child: ChildProcess | undefined;

beforeAll(async () => {
  database = await createTestDatabase('devkill');
  await loadMetadata(database);
  await seedDemoUsers(database);
  db = openDatabase(database, 1);
}, 120_000);

afterAll(async () => {
  child?.kill('SIGKILL');
  await db?.close();
  if (database) await dropDatabase(database);
});

/** The dev backend in a process of its own; answers its base URL once it listens. */
function startBackend(): Promise<string> {
  child = spawn(process.execPath, [
    '--import',
    'tsx',
    path.join(__dirname, '../../src/cli.ts'),
    '--database',
    database,
    '--port',
    '0',
  ]);
  return new Promise((resolve, reject) => {
    let output = '';
    child!.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = /REST at (\S+)\/ws\/rest\/v1/.exec(output);
      if (url) resolve(url[1]);
    });
    child!.on('exit', (code) => reject(new Error(`The dev backend exited (${code}): ${output}`)));
  });
}

test('registrations acknowledged before a kill -9 are whole; the others whole or absent', async () => {
  const client = await atHdManhica(
    await new Client(await startBackend()).logIn({ username: 'admin', password: 'Admin123' }),
  );
  const attempts = Array.from({ length: 60 }, (_, i) => ({
    uuid: crypto.randomUUID(),
    nid: `0110040701/${new Date().getFullYear()}/9${String(1000 + i).padStart(4, '0')}`,
  }));
  const acknowledged: string[] = [];
  let killed = false;
  // Four clerks at once; the process is killed once ten registrations are acknowledged.
  await Promise.all(
    [0, 1, 2, 3].map(async (clerk) => {
      for (let i = clerk; i < attempts.length && !killed; i += 4) {
        const { uuid, nid } = attempts[i];
        const response = await client
          .rest('patient', {
            method: 'POST',
            body: {
              uuid,
              person: {
                names: [{ givenName: 'Rosa', familyName: `Mabunda${i}` }],
                gender: 'F',
                birthdate: '1991-03-04',
              },
              identifiers: [{ identifier: nid, identifierType: NID_TYPE, location: HD_MANHICA, preferred: true }],
            },
          })
          .catch(() => undefined);
        if (response?.status === 201) acknowledged.push(uuid);
        if (acknowledged.length >= 10 && !killed) {
          killed = true;
          child!.kill('SIGKILL');
        }
      }
    }),
  );
  expect(killed).toBe(true);

  const whole = async (uuid: string, nid: string) => {
    const [row] = await db.rows(
      `SELECT (SELECT COUNT(*) FROM patient pa WHERE pa.patient_id = p.person_id) AS patients,
              (SELECT COUNT(*) FROM person_name n WHERE n.person_id = p.person_id) AS names,
              (SELECT COUNT(*) FROM patient_identifier i WHERE i.patient_id = p.person_id AND i.identifier = ?) AS nids
       FROM person p WHERE p.uuid = ?`,
      [nid, uuid],
    );
    return row ? [Number(row.patients), Number(row.names), Number(row.nids)] : 'absent';
  };
  for (const { uuid, nid } of attempts) {
    const found = await whole(uuid, nid);
    if (acknowledged.includes(uuid)) expect([uuid, found]).toEqual([uuid, [1, 1, 1]]);
    else expect([[1, 1, 1], 'absent']).toContainEqual(found);
  }
  // Nothing half-written anywhere: every person of this test is a whole patient.
  const [{ orphans }] = await db.rows(
    `SELECT COUNT(*) AS orphans FROM person p WHERE p.uuid IN (?) AND NOT EXISTS (SELECT 1 FROM patient pa WHERE pa.patient_id = p.person_id)`,
    [attempts.map((a) => a.uuid)],
  );
  expect(Number(orphans)).toBe(0);
}, 120_000);
