#!/usr/bin/env tsx
import { buildSpa, DEFAULT_SPA_DIR } from './build-spa';
import { CHUNK_LOAD_TIMEOUT_MS, lengthenChunkTimeouts } from './chunk-timeout';
import { addLocalApps } from './local-apps';
import { addLoadingScreen } from './loading-screen';
import { addServiceWorker } from './service-worker';
import { ensureNginx, startNginxGateway } from './nginx';

const USAGE = `Usage: npx tsx packages/gateway/src/cli.ts [build|apps|loading-screen|chunk-timeout|service-worker|install-nginx] [--port 8080] [--backend http://127.0.0.1:8090] [--spa .data/spa]
  build    assemble and build the SPA pinned in distro/frontend (skipped when nothing changed), then exit
  apps     build our packages/esm-*-app into an assembled SPA (the frontend image does this), then exit
  loading-screen  put the Portuguese loading message into a built SPA's index.html (the frontend image does this), then exit
  chunk-timeout  give every app's runtime in a built SPA 10 minutes per chunk, not 120 s (the frontend image does this), then exit
  service-worker  add the service worker to a built SPA, as its last step (the frontend image does this), then exit
  install-nginx  install Debian's nginx and brotli modules when missing (as root), then exit
  (none)   run the distro's nginx gateway on https://127.0.0.1:<port>: the SPA, /openmrs to the backend`;

function option(argv: string[], name: string, fallback: string): string {
  const i = argv.indexOf(name);
  if (i < 0) return fallback;
  const value = argv[i + 1];
  if (!value || value.startsWith('--')) throw new Error(`${name} needs a value\n${USAGE}`);
  return value;
}

async function main(argv: string[]): Promise<void> {
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
  if (argv[0] === 'loading-screen') {
    addLoadingScreen(spaDir);
    return;
  }
  if (argv[0] === 'chunk-timeout') {
    const changed = lengthenChunkTimeouts(spaDir);
    console.log(`Chunk timeout ${CHUNK_LOAD_TIMEOUT_MS / 1000} s in ${changed.length} runtimes`);
    return;
  }
  if (argv[0] === 'service-worker') {
    console.log(`Service worker of build ${addServiceWorker(spaDir).build}`);
    return;
  }
  if (argv[0] === 'install-nginx') {
    console.log(`nginx: ${ensureNginx()}`);
    return;
  }
  const port = Number(option(argv, '--port', '8080'));
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`--port must be a port number\n${USAGE}`);
  const backend = option(argv, '--backend', 'http://127.0.0.1:8090');
  const gateway = await startNginxGateway({ spaDir, backend, httpsPort: port });
  console.log(`Gateway on ${gateway.origin}/openmrs/spa/ → backend ${backend} (Ctrl-C stops it)`);
  const stop = () => void gateway.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main(process.argv.slice(2)).catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
