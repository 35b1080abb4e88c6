import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase } from '@poc-emr/db/src/testing';
import { mozart2Command } from '../src/mozart2';
import { drop, facility, query, uniqueName } from './mozart2/fixture';

// The `mozart2` command: exit codes and messages an operator can act on.

let source: string;
let bare: string;
const central = uniqueName('m2cli');
let out: string[];
let err: string[];

beforeAll(async () => {
  source = await facility('m2cs', 31, 120);
  bare = await createTestDatabase('m2clibare');
});
afterAll(() => drop(source, bare, central));

beforeEach(() => {
  out = [];
  err = [];
  jest.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  jest.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
});
afterEach(() => jest.restoreAllMocks());

test('bad arguments print the usage and return 2', async () => {
  expect(await mozart2Command([])).toBe(2);
  expect(await mozart2Command(['export', '--central', 'x'])).toBe(2);
  expect(await mozart2Command(['extract', '--central', central])).toBe(2);
  expect(err.join('\n')).toMatch(/at least one --source/);
  expect(await mozart2Command(['extract', '--source', source])).toBe(2);
  expect(await mozart2Command(['extract', '--source', source, '--central', central, '--bogus'])).toBe(2);
  expect(await mozart2Command(['reconcile', '--sources', '/nonexistent/list', '--central', central])).toBe(2);
  expect(err.join('\n')).toMatch(/usage: mozart2/);
});

test('extract then reconcile from a sources file succeed with 0', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'm2cli-'));
  const list = path.join(dir, 'sources.txt');
  fs.writeFileSync(list, `# facilities\n${source}\n\n`);
  expect(await mozart2Command(['extract', '--sources', list, '--central', central])).toBe(0);
  expect(out.join('\n')).toMatch(new RegExp(`ok ${source}: full via same-server`));
  expect(await mozart2Command(['reconcile', '--sources', list, '--central', central])).toBe(0);
  expect(out.join('\n')).toMatch(/All 1 facilities match/);
  fs.rmSync(dir, { recursive: true });
});

test('an unreachable server or a facility lacking metadata fails with 1, named, and the others still run', async () => {
  const code = await mozart2Command([
    'extract',
    '--source',
    'mysql://nobody:secret@127.0.0.1:1/far_away',
    '--source',
    bare,
    '--source',
    source,
    '--central',
    central,
  ]);
  expect(code).toBe(1);
  const errors = err.join('\n');
  expect(errors).toMatch(/FAILED far_away .*Cannot connect to database far_away on 127\.0\.0\.1:1/);
  expect(errors).not.toContain('secret');
  expect(errors).toMatch(new RegExp(`FAILED ${bare} .*lacks org\\.openmrs\\.\\w+ [0-9a-f-]{36}`));
  expect(out.join('\n')).toMatch(new RegExp(`ok ${source}: incremental`));
  expect(out.join('\n')).toMatch(/2 of 3 facilities FAILED: far_away, m2clibare_/);
  const runs = await query<{ status: string }>(
    central,
    "SELECT status FROM extract_run WHERE source_database = 'far_away'",
  );
  expect(runs).toEqual([{ status: 'failed' }]);
});

test('an unreachable central database fails with 1 and says so', async () => {
  expect(await mozart2Command(['reconcile', '--source', source, '--central', 'mysql://u:p@127.0.0.1:1/central'])).toBe(
    1,
  );
  expect(err.join('\n')).toMatch(/mozart2 reconcile failed: Cannot connect to database central on 127\.0\.0\.1:1/);
});
