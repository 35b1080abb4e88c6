import path from 'node:path';

/** The repository root: packages/db/src → ../../.. */
export const repoRoot = path.resolve(__dirname, '..', '..', '..');

/** Where the project keeps everything it generates (git-ignored). */
export function dataRoot(): string {
  return process.env.POC_DATA_DIR ? path.resolve(process.env.POC_DATA_DIR) : path.join(repoRoot, '.data');
}

export interface ServerPaths {
  root: string;
  dataDir: string;
  socket: string;
  pidFile: string;
  logFile: string;
  credentials: string;
}

export function serverPaths(root = path.join(dataRoot(), 'mariadb')): ServerPaths {
  return {
    root,
    dataDir: path.join(root, 'data'),
    socket: path.join(root, 'mariadb.sock'),
    pidFile: path.join(root, 'mariadb.pid'),
    logFile: path.join(root, 'mariadb.log'),
    credentials: path.join(root, 'credentials.json'),
  };
}

export function serverPort(): number {
  const port = Number(process.env.POC_DB_PORT ?? 33306);
  if (!Number.isInteger(port) || port < 1024 || port > 65535) {
    throw new Error(`POC_DB_PORT must be an integer between 1024 and 65535, got "${process.env.POC_DB_PORT}"`);
  }
  return port;
}
