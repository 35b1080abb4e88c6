// Jest global setup for suites that use the real MariaDB: install it if missing and start it once.
import { start } from '../packages/db/src/server';

export default async function setup(): Promise<void> {
  await start();
}
