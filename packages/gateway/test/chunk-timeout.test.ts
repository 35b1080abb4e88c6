import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { CHUNK_LOAD_TIMEOUT_MS, lengthenChunkTimeouts } from '../src/chunk-timeout';

// The chunk loaders as the bundlers minified them in the assembled SPA: webpack (the app shell and our
// apps), rspack (the published O3 apps 12.x), each with its own variable names.
const WEBPACK =
  'd=setTimeout(p.bind(null,void 0,{type:"timeout",target:l}),12e4);l.onerror=p.bind(null,l.onerror),l.onload=p.bind(null,l.onload)';
const RSPACK =
  'h=setTimeout(f.bind(null,void 0,{type:"timeout",target:a}),12e4);a.onerror=f.bind(null,a.onerror),a.onload=f.bind(null,a.onload)';
const padding = `/*${'x'.repeat(2048)}*/`;

let dir: string;
const write = (file: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  fs.writeFileSync(path.join(dir, file), text);
};
const read = (file: string) => fs.readFileSync(path.join(dir, file), 'utf8');

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chunk-timeout-'));
  write('openmrs.980988a99d9023f8.js', `${padding}${WEBPACK}`);
  write('openmrs.980988a99d9023f8.js.br', 'stale');
  write('openmrs-esm-patient-chart-app-12.3.4/openmrs-esm-patient-chart-app.js', `${RSPACK};${RSPACK}`);
  write('openmrs-esm-patient-chart-app-12.3.4/5130.js', 'var timeout=12e4;');
});

afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

test('every runtime waits ten minutes for a chunk; other scripts and numbers stay as they were', () => {
  expect(lengthenChunkTimeouts(dir).sort()).toEqual([
    'openmrs-esm-patient-chart-app-12.3.4/openmrs-esm-patient-chart-app.js',
    'openmrs.980988a99d9023f8.js',
  ]);
  const timer = `{type:"timeout",target:a}),${CHUNK_LOAD_TIMEOUT_MS})`;
  expect(read('openmrs-esm-patient-chart-app-12.3.4/openmrs-esm-patient-chart-app.js').split(timer)).toHaveLength(3);
  expect(read('openmrs.980988a99d9023f8.js')).toContain(`{type:"timeout",target:l}),600000);l.onerror`);
  expect(read('openmrs-esm-patient-chart-app-12.3.4/5130.js')).toBe('var timeout=12e4;');
  // The gateway serves the precompressed copy: it is rewritten too.
  const br = zlib.brotliDecompressSync(fs.readFileSync(path.join(dir, 'openmrs.980988a99d9023f8.js.br')));
  expect(br.toString()).toBe(read('openmrs.980988a99d9023f8.js'));
  expect(fs.existsSync(path.join(dir, 'openmrs.980988a99d9023f8.js.gz'))).toBe(true);
  // Idempotent: a second run finds nothing left to change.
  expect(lengthenChunkTimeouts(dir)).toEqual([]);
});

test('a runtime whose timer it does not recognise stops the build rather than keeping 120 s', () => {
  write(
    'openmrs-esm-home-app-11.1.0/openmrs-esm-home-app.js',
    'h=setTimeout(f.bind(null,{type:"timeout",target:a}),12e4)',
  );
  expect(() => lengthenChunkTimeouts(dir)).toThrow(
    /openmrs-esm-home-app\.js: a chunk timer this build does not recognise/,
  );
});
