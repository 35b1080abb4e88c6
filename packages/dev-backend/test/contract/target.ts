import { createTestDatabase, dropDatabase } from '@poc-emr/db/src/testing';
import { loadMetadata } from '@poc-emr/metadata';
import { createServer, readDemoUsers, seedDemoUsers, type RunningServer } from '../../src';
import { Client } from './client';

// Where the contract suite runs: by default a fresh facility database behind this dev backend;
// with CONTRACT_BASE_URL (e.g. http://localhost:8080/openmrs) a real OpenMRS, whose admin is
// CONTRACT_USER / CONTRACT_PASSWORD and which holds the demo users (seedDemoUsers on its database).

export interface Target {
  /** …/openmrs */
  url: string;
  admin: { username: string; password: string };
  /** A user of `role` from demo/users.csv. */
  demo(role: string): { username: string; password: string };
  /** Local mode only: the database behind the dev backend, for rows REST cannot make. */
  database?: string;
  /** Local mode only: the same database behind a server whose sessions time out after `ms`. */
  withSessionTimeout?(ms: number): Promise<RunningServer>;
  close(): Promise<void>;
}

export const REMOTE = process.env.CONTRACT_BASE_URL;

export async function startTarget(): Promise<Target> {
  const demo = (role: string) => {
    const user = readDemoUsers().find((u) => u.role === role);
    if (!user) throw new Error(`No demo user with role ${role}`);
    return { username: user.username, password: user.password };
  };
  if (REMOTE) {
    return {
      url: REMOTE.replace(/\/$/, ''),
      admin: { username: process.env.CONTRACT_USER ?? 'admin', password: process.env.CONTRACT_PASSWORD ?? 'Admin123' },
      demo,
      close: async () => undefined,
    };
  }
  const database = await createTestDatabase('devb');
  await loadMetadata(database);
  await seedDemoUsers(database);
  const servers = [await createServer({ database })];
  return {
    url: servers[0].url,
    admin: { username: 'admin', password: 'Admin123' },
    demo,
    database,
    withSessionTimeout: async (ms) => {
      const server = await createServer({ database, sessionTimeoutMs: ms });
      servers.push(server);
      return server;
    },
    close: async () => {
      for (const server of servers) await server.close();
      await dropDatabase(database);
    },
  };
}

export interface Suite {
  target: Target;
  /** The target's admin, logged in (and placed by `prepare`). */
  admin: Client;
}

/** A suite file's target and admin: opened before its tests (and its own beforeAll), closed after them. */
export function contractSuite(prepare: (admin: Client) => Promise<Client> = async (admin) => admin): Suite {
  const suite = {} as Suite;
  beforeAll(async () => {
    suite.target = await startTarget();
    suite.admin = await prepare(await new Client(suite.target.url).logIn(suite.target.admin));
  });
  afterAll(() => suite.target?.close());
  return suite;
}
