// The bridge's suites use both real databases: MariaDB (OpenMRS) and PostgreSQL (iDART), started once.
import { start } from '@poc-emr/db';
import { startPostgres } from '../src/postgres/server';

export default async function setup(): Promise<void> {
  await start();
  await startPostgres();
}
