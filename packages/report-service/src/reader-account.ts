import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { connect, databaseUrl, readCredentials, serverPaths } from '@poc-emr/db';

// The read-only account the report service uses on the project's own MariaDB (demo, tests, e2e), as
// docs/install.md creates it in the distro: it may read, make the temporary tables a run needs, and look at
// the server's connections and replication channels (the system status).

const READER = 'poc_reports';

/** Creates the account once per data directory; answers the service's URL for `database`. */
export async function ensureReaderAccount(database: string): Promise<string> {
  const file = path.join(serverPaths().root, 'reader.json');
  if (!fs.existsSync(file)) {
    const password = crypto.randomBytes(18).toString('base64url');
    const conn = await connect();
    try {
      for (const host of ['127.0.0.1', 'localhost']) {
        await conn.query('CREATE USER IF NOT EXISTS ?@? IDENTIFIED BY ?', [READER, host, password]);
        await conn.query('ALTER USER ?@? IDENTIFIED BY ?', [READER, host, password]);
        await conn.query('GRANT SELECT, CREATE TEMPORARY TABLES ON *.* TO ?@?', [READER, host]);
        await conn.query('GRANT PROCESS, SLAVE MONITOR ON *.* TO ?@?', [READER, host]);
      }
    } finally {
      await conn.end();
    }
    fs.writeFileSync(file, JSON.stringify({ password }), { mode: 0o600 });
  }
  const { password } = JSON.parse(fs.readFileSync(file, 'utf8')) as { password: string };
  return databaseUrl(database, { ...readCredentials(), user: READER, password });
}
