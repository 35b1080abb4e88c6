#!/usr/bin/env tsx
import { createIdartDatabase, dropIdartDatabase } from './database';
import { ensurePgInstalled, pgStatus, pgUrl, startPostgres, stopPostgres } from './server';

const USAGE = `Usage: npm run idart-db -- <command>
  install          install Debian's postgresql-15 if missing (apt-get as root)
  start            initialise .data/postgresql if needed and start it on 127.0.0.1 (POC_PG_PORT, default 35432)
  stop             stop it
  status           running?, version, databases
  create <name>    create an iDART database (packages/idart-bridge/schema/idart.sql)
  drop <name>      drop an iDART database the project created
  url <name>       print the postgresql:// URL of a database`;

async function main([command, name]: string[]): Promise<void> {
  const required = () => {
    if (!name) throw new Error(`A database name is required.\n${USAGE}`);
    return name;
  };
  switch (command) {
    case 'install':
      ensurePgInstalled();
      console.log('postgresql-15 is installed');
      return;
    case 'start': {
      const s = await startPostgres();
      console.log(`PostgreSQL ${s.version} running (pid ${s.pid}) on 127.0.0.1:${s.port}, data in ${s.dataDir}`);
      return;
    }
    case 'stop':
      await stopPostgres();
      console.log('PostgreSQL stopped');
      return;
    case 'status':
      console.log(JSON.stringify(await pgStatus(), null, 2));
      return;
    case 'create':
      await startPostgres();
      await createIdartDatabase(required());
      console.log(`created ${name}`);
      return;
    case 'drop':
      await startPostgres();
      await dropIdartDatabase(required());
      console.log(`dropped ${name}`);
      return;
    case 'url':
      console.log(pgUrl(required()));
      return;
    default:
      throw new Error(USAGE);
  }
}

main(process.argv.slice(2)).catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
