import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DISTRO, moduleIds, parseProperties, propertiesProblems, read } from './lib';

const text = read('distro.properties');
const { entries } = parseProperties(text);
const ids = moduleIds(entries);

// Modules the O3 apps and distro/configuration use directly.
const NEEDED = [
  'webservices.rest',
  'fhir2',
  'idgen',
  'initializer',
  'addresshierarchy',
  'metadatamapping',
  'reporting',
  'reportingrest',
  'o3forms',
  'cohort',
];

// require_modules in omod/src/main/resources/config.xml at the pinned tags.
const REQUIRES: Record<string, string[]> = {
  emrapi: ['metadatamapping', 'event', 'webservices.rest'],
  reporting: ['serialization.xstream', 'htmlwidgets', 'calculation'],
  reportingrest: ['serialization.xstream', 'reporting', 'webservices.rest'],
  o3forms: ['webservices.rest'],
  idgen: ['webservices.rest'],
  metadatamapping: ['webservices.rest'],
  cohort: ['webservices.rest'],
};

const missingRequirements = (declared: string[]) =>
  declared.flatMap((id) => (REQUIRES[id] ?? []).filter((r) => !declared.includes(r)).map((r) => `${id} needs ${r}`));

function fetchModulesPrint(propertiesFile: string): string[] {
  return execFileSync('bash', [path.join(DISTRO, 'backend', 'fetch-modules.sh'), '--print', propertiesFile], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  })
    .trim()
    .split('\n');
}

describe('distro.properties', () => {
  it('pins exact x.y.z versions only, declares each module once and uses only supported keys', () => {
    expect(propertiesProblems(text)).toEqual([]);
  });

  it('would reject SNAPSHOTs, ranges, short versions, duplicates, orphan attributes and floating keys', () => {
    const base = 'name=x\nversion=1.0.0\nwar.openmrs=2.7.9\n';
    expect(propertiesProblems(base)).toEqual([]);
    for (const bad of [
      'omod.a=1.0.0-SNAPSHOT',
      'omod.a=[1.0.0,2.0.0)',
      'omod.a=1.0',
      'omod.a=1.0.0\nomod.a=1.0.1',
      'omod.b.groupId=org.x',
      'omod.a=1.0.0\nomod.a.type=zip',
      'spa.frontendModules.x=next',
    ]) {
      expect(propertiesProblems(base + bad)).not.toEqual([]);
    }
    expect(propertiesProblems('name=x\nwar.openmrs=2.7.9-SNAPSHOT')).toHaveLength(2);
  });

  it('is the refapp 3.5.0 set on the latest 2.7 core, with the fhir2 and REST the O3 apps need', () => {
    expect(entries.get('war.openmrs')).toBe('2.7.9');
    expect(entries.get('omod.webservices.rest')).toBe('3.1.0');
    expect(entries.get('omod.fhir2')).toBe('2.8.0');
    expect(entries.get('omod.initializer')).toBe('2.9.0');
    expect(entries.get('omod.idgen')).toBe('4.14.0');
    expect(entries.get('omod.cohort')).toBe('3.7.3');
  });

  it('includes the modules the apps need and every module they require', () => {
    expect(NEEDED.filter((id) => !ids.includes(id))).toEqual([]);
    expect(missingRequirements(ids)).toEqual([]);
    expect(missingRequirements([...ids, 'emrapi'])).toEqual(['emrapi needs event']);
    // The 12.3 chart uses emrapi only when present; the distro leaves it out (see distro.properties).
    expect(ids).not.toContain('emrapi');
  });

  it('resolves every module to Maven coordinates the way the SDK does (backend/fetch-modules.sh)', () => {
    const lines = fetchModulesPrint(path.join(DISTRO, 'distro.properties'));
    expect(lines).toHaveLength(ids.length);
    for (const id of ids) {
      const group = entries.get(`omod.${id}.groupId`) ?? 'org.openmrs.module';
      const type = entries.get(`omod.${id}.type`) ?? 'jar';
      const version = entries.get(`omod.${id}`);
      expect(lines).toContain(`${group}:${id}-omod:${version}:${type} ${id}-${version}.omod`);
    }
  });

  it('makes fetch-modules.sh refuse duplicates and keys it cannot download', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'distro-'));
    try {
      for (const bad of ['omod.a=1.0.0\nomod.a=1.0.1\n', 'owa.x=1.0.0\n']) {
        const file = path.join(dir, 'distro.properties');
        fs.writeFileSync(file, `name=x\nversion=1.0.0\n${bad}`);
        expect(() => fetchModulesPrint(file)).toThrow();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names csaudecore as a required site-provided module, since the NID sources use its prefix provider', () => {
    const idgenDir = path.join(DISTRO, 'configuration', 'idgen');
    const usesCsaudecore = fs
      .readdirSync(idgenDir)
      .some((f) => fs.readFileSync(path.join(idgenDir, f), 'utf8').includes('provider:csaudecore.'));
    expect(usesCsaudecore).toBe(true);
    expect(text).toMatch(/^#.*REQUIRED, SITE-PROVIDED: csaudecore/m);
    expect(ids).not.toContain('csaudecore'); // no invented version
    expect(read('backend/site-modules/README.md')).toContain('csaudecore');
    expect(read('backend/Dockerfile')).toMatch(/COPY backend\/site-modules\//);
  });
});
