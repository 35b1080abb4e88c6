import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { writeSiteConfig } from '../src';

let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'site-config-'));
});

afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: unknown): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

test('site configuration files are deep-merged in order into a precompressed openmrs-config.json', () => {
  const base = write('a.json', {
    '@openmrs/esm-login-app': { chooseLocation: { enabled: true, numberToShow: 8 } },
    '@openmrs/esm-styleguide': { implementationName: 'Moçambique', note: 'x'.repeat(2000) },
  });
  const site = write('b.json', {
    '@openmrs/esm-login-app': { chooseLocation: { numberToShow: 20 } },
    '@openmrs/esm-patient-search-app': { defaultIdentifierTypes: ['nid'] },
  });
  const target = fs.mkdtempSync(path.join(dir, 'spa-'));

  writeSiteConfig(target, [base, site]);

  const file = path.join(target, 'openmrs-config.json');
  const written = JSON.parse(fs.readFileSync(file, 'utf8'));
  expect(written['@openmrs/esm-login-app']).toEqual({ chooseLocation: { enabled: true, numberToShow: 20 } });
  expect(written['@openmrs/esm-patient-search-app']).toEqual({ defaultIdentifierTypes: ['nid'] });
  expect(written['@openmrs/esm-styleguide'].implementationName).toBe('Moçambique');
  expect(zlib.brotliDecompressSync(fs.readFileSync(`${file}.br`)).toString()).toBe(fs.readFileSync(file, 'utf8'));
});

test('a malformed site configuration file is an error naming the file, and nothing is written', () => {
  const bad = write('broken.json', '{"@openmrs/esm-login-app": {');
  const target = fs.mkdtempSync(path.join(dir, 'spa-'));

  expect(() => writeSiteConfig(target, [bad])).toThrow(/broken\.json: .*JSON/);
  expect(fs.existsSync(path.join(target, 'openmrs-config.json'))).toBe(false);
});
