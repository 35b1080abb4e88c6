import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { formatIssue, validateConfiguration } from '../src';
import { readConfiguration } from '../src/configuration';
import { DOMAIN_FOLDERS } from '../src/validate';
import { FIXTURE, fixtureCopy } from './helpers';

// The metadata tools against careless input: a mistyped path, a file saved in Latin-1, a column left out.
// Each is refused with file and line; nothing is loaded.

const run = promisify(execFile);
const CLI = path.join(__dirname, '../src/cli.ts');

async function cli(...args: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', CLI, ...args]);
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, output: e.stdout + e.stderr };
  }
}

test('a path that does not exist, or holds no configuration, is an error, not "OK"', async () => {
  expect(await cli('validate', '/no/such/folder')).toEqual({
    code: 1,
    output: 'No configuration folder at /no/such/folder\n',
  });
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'empty-config-'));
  expect(() => readConfiguration(empty, DOMAIN_FOLDERS)).toThrow(/No configuration files in/);
  const load = await cli('load', 'never_created', '--config', '/no/such/folder');
  expect(load).toMatchObject({
    code: 1,
    output: expect.stringContaining('No configuration folder at /no/such/folder'),
  });
});

test('a file saved as Latin-1 is refused at the first line that is not UTF-8', () => {
  const dir = fixtureCopy();
  const file = path.join(dir, 'visittypes/visittypes.csv');
  fs.appendFileSync(
    file,
    Buffer.from('0b7e0f6a-2a3c-4c55-9d0b-1a2b3c4d5e6f,false,LEVANTAMENTO DE ARV,Visita à farmácia,\n', 'latin1'),
  );
  const lines = fs.readFileSync(file).toString('latin1').trimEnd().split('\n').length;
  const issues = validateConfiguration(dir).map(formatIssue);
  expect(issues).toEqual([expect.stringMatching(new RegExp(`^visittypes/visittypes.csv:${lines}: Not UTF-8`))]);
});

test('a column the loader writes may not be left out (descriptions, EPTS ids, concept descriptions)', () => {
  const withoutColumn = (file: string, header: string) => {
    const dir = fixtureCopy();
    const full = path.join(dir, file);
    const [head, ...rows] = fs.readFileSync(full, 'utf8').trimEnd().split('\n');
    const i = head.split(',').indexOf(header);
    expect(i).toBeGreaterThan(-1);
    const drop = (line: string) =>
      line
        .split(',')
        .filter((_, j) => j !== i)
        .join(',');
    fs.writeFileSync(full, [head, ...rows].map(drop).join('\n') + '\n');
    return validateConfiguration(dir).map(formatIssue);
  };
  expect(withoutColumn('visittypes/visittypes.csv', 'Description')).toContain(
    'visittypes/visittypes.csv:1 [Description]: Missing required header',
  );
  expect(withoutColumn('visittypes/visittypes.csv', 'EPTS id')).toContain(
    'visittypes/visittypes.csv:1 [EPTS id]: Missing required header',
  );
  expect(withoutColumn('concepts/concepts.csv', 'Description:en')).toContain(
    'concepts/concepts.csv:1 [Description:<locale>]: Missing required header',
  );
  expect(validateConfiguration(FIXTURE)).toEqual([]);
});
