import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import {
  DISTRO,
  type ComposeFile,
  dockerfileFroms,
  dockerfileProblems,
  imageProblem,
  parseProperties,
  read,
} from './lib';

function dockerfiles(dir = DISTRO): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return ['node_modules', 'configuration'].includes(e.name) ? [] : dockerfiles(full);
    return e.name === 'Dockerfile' ? [full] : [];
  });
}

const compose = parse(read('docker-compose.yml')) as ComposeFile;
const services = compose.services ?? {};
const properties = parseProperties(read('distro.properties')).entries;

describe('image tags', () => {
  const files = dockerfiles();

  it('finds the gateway, frontend, backend, report service, ops and iDART bridge Dockerfiles', () => {
    expect(files.map((f) => path.relative(DISTRO, f)).sort()).toEqual([
      'backend/Dockerfile',
      'frontend/Dockerfile',
      'gateway/Dockerfile',
      'idart-bridge/Dockerfile',
      'ops/Dockerfile',
      'report-service/Dockerfile',
    ]);
  });

  it.each(files.map((f) => [path.relative(DISTRO, f), f]))('%s: every FROM has an exact tag', (_name, file) => {
    expect(dockerfileProblems(fs.readFileSync(file, 'utf8'))).toEqual([]);
  });

  it('would reject floating, missing, variable and latest tags, but accept earlier stages', () => {
    for (const bad of [
      'FROM nginx',
      'FROM nginx:latest',
      'FROM node:22-alpine',
      'FROM openmrs/openmrs-core:2.7.x-amazoncorretto-17',
      'FROM openmrs/openmrs-core:nightly',
      'FROM x:${TAG}',
      'FROM build',
    ]) {
      expect(dockerfileProblems(bad)).not.toEqual([]);
    }
    expect(dockerfileProblems('FROM --platform=$BUILDPLATFORM node:22.14.0-alpine3.21 AS build\nFROM build')).toEqual(
      [],
    );
    expect(dockerfileProblems('FROM localhost:5000/nginx')).not.toEqual([]);
  });

  it('every image: in the compose file has an exact tag', () => {
    const images = Object.values(services).map((s) => s.image ?? '');
    expect(images.filter((i) => i === '')).toEqual([]);
    expect(images.map(imageProblem).filter(Boolean)).toEqual([]);
    expect(imageProblem('mariadb:10.11')).toBeDefined();
    expect(imageProblem('mariadb')).toBeDefined();
    expect(imageProblem('debian:12.11-slim')).toBeUndefined();
    expect(imageProblem('debian:12-slim')).toBeDefined();
    expect(imageProblem('debian:bookworm-slim')).toBeDefined();
    expect(imageProblem('node:22.11')).toBeDefined();
  });

  it('builds the backend on the core image of the war version in distro.properties', () => {
    const core = dockerfileFroms(read('backend/Dockerfile')).find((f) => f.image.startsWith('openmrs/openmrs-core:'));
    expect(core?.image.split(':')[1]).toMatch(new RegExp(`^${properties.get('war.openmrs')!.replace(/\./g, '\\.')}-`));
  });

  it('tags the images it builds with the distribution version', () => {
    const version = properties.get('version');
    for (const [name, service] of Object.entries(services)) {
      if (service.build !== undefined) expect(service.image).toBe(`poc-emr/${name}:${version}`);
    }
  });

  it('assembles and builds the SPA with the openmrs CLI that package-lock.json pins, never downloading one', () => {
    const lock = JSON.parse(fs.readFileSync(path.join(DISTRO, '..', 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { version?: string }>;
    };
    expect(lock.packages['node_modules/openmrs']?.version).toBe('10.0.0');
    const dockerfile = read('frontend/Dockerfile');
    expect(dockerfile).toMatch(/^RUN npm ci\b/m);
    const runs = [...dockerfile.matchAll(/\bnpx (.*?)openmrs /g)].map((m) => m[1]);
    expect(runs).toEqual(['--no-install ', '--no-install ']);
    expect(dockerfile).not.toMatch(/\bnpm (install|i)\b|openmrs@/);
  });
});
