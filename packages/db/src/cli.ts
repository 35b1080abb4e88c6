#!/usr/bin/env tsx
import { createDatabase, dropDatabase } from './database';
import { ensureInstalled } from './install';
import { databaseUrl, start, status, stop } from './server';

const USAGE = `Usage: npm run db -- <command>
  install          install Debian's mariadb-server if missing (apt-get as root)
  start            initialise .data/mariadb if needed and start it on 127.0.0.1 (POC_DB_PORT, default 33306)
  stop             stop it
  status           running?, version, databases
  create <name>    create a database with the OpenMRS 2.7.x schema and core data
  drop <name>      drop a database
  url <name>       print the mysql:// URL of a database`;

async function main(argv: string[]): Promise<void> {
  const [command, name] = argv;
  switch (command) {
    case 'install':
      ensureInstalled();
      console.log('mariadb-server is installed');
      return;
    case 'start': {
      const s = await start();
      console.log(`MariaDB ${s.version} running (pid ${s.pid}) on 127.0.0.1:${s.port}, data in ${s.dataDir}`);
      return;
    }
    case 'stop':
      await stop();
      console.log('MariaDB stopped');
      return;
    case 'status': {
      const s = await status();
      console.log(JSON.stringify(s, null, 2));
      return;
    }
    case 'create':
      await start();
      await createDatabase(required(name));
      console.log(`created ${name}`);
      return;
    case 'drop':
      await start();
      await dropDatabase(required(name));
      console.log(`dropped ${name}`);
      return;
    case 'url':
      console.log(databaseUrl(required(name)));
      return;
    default:
      throw new Error(USAGE);
  }
}

function required(name: string | undefined): string {
  if (!name) throw new Error(`A database name is required.\n${USAGE}`);
  return name;
}

main(process.argv.slice(2)).catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
