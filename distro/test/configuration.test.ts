import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { validateConfiguration } from '@poc-emr/metadata';
import { DISTRO } from './lib';

describe('distro/configuration', () => {
  it('passes the metadata validator (every CSV, every cross-reference)', () => {
    expect(validateConfiguration(path.join(DISTRO, 'configuration'))).toEqual([]);
  });

  it('would report a broken copy', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'configuration-'));
    try {
      fs.cpSync(path.join(DISTRO, 'configuration'), dir, { recursive: true });
      const csv = path.join(dir, 'autogenerationoptions', 'autogenerationoptions.csv');
      const lines = fs.readFileSync(csv, 'utf8').split('\n');
      // point the first option at an identifier source that does not exist
      lines[1] = lines[1].replace(/,[0-9a-f-]{36},(true|false),/, ',00000000-0000-4000-8000-000000000000,$1,');
      fs.writeFileSync(csv, lines.join('\n'));
      expect(validateConfiguration(dir)).not.toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
