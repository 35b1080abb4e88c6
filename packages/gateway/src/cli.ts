#!/usr/bin/env tsx
import { buildSpa, DEFAULT_SPA_DIR } from './build-spa';
import { createGateway } from './gateway';
import { addLocalApps } from './local-apps';
import { ensureNginx } from './nginx';

const USAGE = `Usage: npx tsx packages/gateway/src/cli.ts [build|apps|install-nginx] [--port 8080] [--backend http://127.0.0.1:8090] [--spa .data/spa]
  build    assemble and build the SPA pinned in distro/frontend (skipped when nothing changed), then exit
  apps     build our packages/esm-*-app into an assembled SPA (the frontend image does this), then exit
  install-nginx  install Debian's nginx and brotli modules when missing (as root), then exit
  (none)   serve the SPA and proxy /openmrs to the backend on 127.0.0.1`;

function option(argv: string[], name: string, fallback: string): string {
  const i = argv.indexOf(name);
  if (i < 0) return fallback;
  const value = argv[i + 1];
  if (!value || value.startsWith('--')) throw new Error(`${name} needs a value\n${USAGE}`);
  return value;
}

function main(argv: string[]): void {
  const spaDir = option(argv, '--spa', DEFAULT_SPA_DIR);
  if (argv[0] === 'build') {
    const { built } = buildSpa(spaDir);
    console.log(built ? `SPA built in ${spaDir}` : `SPA in ${spaDir} is up to date`);
    return;
  }
  if (argv[0] === 'apps') {
    addLocalApps(spaDir);
    return;
  }
  if (argv[0] === 'install-nginx') {
    console.log(`nginx: ${ensureNginx()}`);
    return;
  }
  const port = Number(option(argv, '--port', '8080'));
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`--port must be a port number\n${USAGE}`);
  const backend = option(argv, '--backend', 'http://127.0.0.1:8090');
  createGateway({ spaDir, backend }).listen(port, '127.0.0.1', () => {
    console.log(`Gateway on http://127.0.0.1:${port}/openmrs/spa/ → backend ${backend}`);
  });
}

try {
  main(process.argv.slice(2));
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
