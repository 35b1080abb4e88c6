import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { databaseMark, readCredentials, stop } from '@poc-emr/db';
import { day, generateFacility } from '@poc-emr/data-generator';
import { backup } from '../src/backup';
import { restore } from '../src/restore';
import { Receiver } from '../src/replication/central';
import { serverOptions, toArgs } from '../src/replication/config';
import { replicatorAccount } from '../src/replication/facility';
import { seqIn } from '../src/replication/gtid';
import { serverCertificate } from '../src/replication/tls';
import { ensureOpsTools } from '../src/tools';
import { ageKeyPair, startInstance, type Instance } from '../test/clinic';
import { Link } from '../test/link';

// Catch-up of a central server after a facility's link was down: a 5,000-patient facility's October
// (every encounter and its observations, written as the backend writes them: one transaction per
// encounter) replayed at the facility while its channel is stopped, then the time the central server
// takes to apply it — first one working day over a link throttled to 10 KB/s, then the rest of the month
// over an unthrottled one. Bytes are those crossing the link (TLS, compressed protocol).
// `--through-district`: the facility replicates to a district server, which passes it on to the central
// server through its one channel; both links are down while October is written back, and the time is
// until the central server has applied it (bytes: the facility's link).

const CODE = '1010406';
const SOURCE = `national_${CODE}`; // a facility of `npm run bench:national`; generated here when missing
const DAY_ONE = '2026-10-05'; // a Monday
const RATE = 10 * 1024;
const THROUGH_DISTRICT = process.argv.includes('--through-district');

async function main(): Promise<void> {
  ensureOpsTools();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-replication-'));
  const servers: Instance[] = [];
  try {
    if (!(await databaseMark(SOURCE))?.includes('5000 patients')) {
      const options = { database: SOURCE, facilityCode: CODE, patients: 5000, seed: 'national' };
      await generateFacility({ ...options, asOf: day('2026-10-31'), replace: true });
    }
    const identity = path.join(work, 'key.txt');
    const recipient = ageKeyPair(identity);
    const manifest = await backup({ credentials: readCredentials(), database: SOURCE }, work, recipient);
    const tls = serverCertificate(path.join(work, 'tls'), '127.0.0.1');
    const facility = await startInstance(path.join(work, 'facility'), [
      ...toArgs(serverOptions('facility', { id: CODE, tls })),
      '--innodb-buffer-pool-size=1G',
    ]);
    const central = await startInstance(path.join(work, 'central'), [
      ...toArgs(serverOptions('central', { id: '1' })),
      '--innodb-buffer-pool-size=1G',
    ]);
    servers.push(facility, central);
    const district = THROUGH_DISTRICT
      ? await startInstance(path.join(work, 'district'), [
          ...toArgs(serverOptions('district', { id: '2', tls })),
          '--innodb-buffer-pool-size=1G',
        ])
      : undefined;
    if (district) servers.push(district);
    for (const database of ['openmrs', 'october']) {
      await restore(path.join(work, manifest.file), identity, { credentials: facility.credentials, database });
    }
    const f = await mysql.createConnection({ ...facility.credentials, database: 'openmrs' });
    for (const statement of replicatorAccount('replicator', 'bench-only', 'openmrs')) await f.query(statement);
    // October leaves the facility's database before the copy; it comes back while the channel is stopped.
    await f.query('SET SESSION sql_log_bin = 0, SESSION foreign_key_checks = 0');
    const [encounters] = (await f.query(
      "SELECT encounter_id AS id, DATE(encounter_datetime) = ? AS first FROM encounter WHERE encounter_datetime >= '2026-10-01' ORDER BY encounter_id",
      [DAY_ONE],
    )) as unknown as [Array<{ id: number; first: number }>];
    await f.query(
      "DELETE o FROM obs o JOIN encounter e USING (encounter_id) WHERE e.encounter_datetime >= '2026-10-01'",
    );
    await f.query("DELETE FROM encounter WHERE encounter_datetime >= '2026-10-01'");
    await f.query('SET SESSION sql_log_bin = 1');

    const link = await Link.open(facility.port);
    const receiver = await Receiver.connect(central.credentials);
    const atDistrict = district && (await Receiver.connect(district.credentials));
    const replicator = { user: 'replicator', password: 'bench-only' };
    const source = {
      code: CODE,
      credentials: { host: '127.0.0.1', port: link.port, ...replicator },
      database: 'openmrs',
      ca: tls.ca,
    };
    let started = performance.now();
    const seeded = await (atDistrict ?? receiver).addFacility(source, { from: 'network' });
    console.log(
      `seed over the link: ${seeded.rows.toLocaleString('en')} rows, ${((performance.now() - started) / 1000).toFixed(1)} s, ${(link.bytes / 2 ** 20).toFixed(1)} MiB`,
    );
    if (district) {
      const d = await mysql.createConnection(district.credentials);
      for (const statement of replicatorAccount(replicator.user, replicator.password)) await d.query(statement);
      await d.end();
      started = performance.now();
      const credentials = { host: '127.0.0.1', port: district.port, ...replicator };
      const [copied] = await receiver.addDistrict({ name: 'bench', credentials, ca: tls.ca });
      console.log(
        `seed of the central server from the district: ${copied.rows.toLocaleString('en')} rows, ${((performance.now() - started) / 1000).toFixed(1)} s`,
      );
    }

    const phases: Array<[string, Array<{ id: number }>, number]> = [
      [`one working day (${DAY_ONE}) over 10 KB/s`, encounters.filter((e) => e.first), RATE],
      ['the rest of October, unthrottled', encounters.filter((e) => !e.first), 0],
    ];
    for (const [label, batch, rate] of phases) {
      for (const r of [atDistrict, receiver]) await r?.stop([CODE]);
      const rows = await replay(
        f,
        batch.map((e) => e.id),
      );
      link.rate = rate;
      const bytesBefore = link.bytes;
      started = performance.now();
      for (const r of [atDistrict, receiver]) await r?.start([CODE]);
      await caughtUp(f, receiver);
      const seconds = (performance.now() - started) / 1000;
      const bytes = link.bytes - bytesBefore;
      console.log(
        `${label}: ${batch.length.toLocaleString('en')} encounters, ${rows.toLocaleString('en')} rows → applied in ${seconds.toFixed(1)} s ` +
          `(${Math.round(rows / seconds).toLocaleString('en')} rows/s, ${Math.round(batch.length / seconds)} transactions/s), ` +
          `${(bytes / 1024).toFixed(0)} KiB over the link (${Math.round(bytes / batch.length)} B per encounter; ` +
          `${Math.round(bytes / RATE)} s at 10 KB/s)`,
      );
    }
    await receiver.close();
    await atDistrict?.close();
    await f.end();
    await link.close();
  } finally {
    for (const server of servers) await stop(server.paths).catch(() => undefined);
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** Writes each encounter and its observations back, one transaction per encounter; answers the rows. */
async function replay(f: mysql.Connection, ids: number[]): Promise<number> {
  let rows = 0;
  for (const id of ids) {
    await f.query('START TRANSACTION');
    const [e] = (await f.query('INSERT INTO encounter SELECT * FROM october.encounter WHERE encounter_id = ?', [
      id,
    ])) as unknown as [mysql.ResultSetHeader];
    const [o] = (await f.query(
      'INSERT INTO obs SELECT * FROM october.obs WHERE encounter_id = ? ORDER BY obs_group_id IS NOT NULL, obs_id',
      [id],
    )) as unknown as [mysql.ResultSetHeader];
    await f.query('COMMIT');
    rows += e.affectedRows + o.affectedRows;
  }
  return rows;
}

async function caughtUp(f: mysql.Connection, receiver: Receiver): Promise<void> {
  const [[{ pos }]] = (await f.query('SELECT @@gtid_binlog_pos AS pos')) as unknown as [[{ pos: string }]];
  const target = seqIn(pos, Number(CODE));
  for (;;) {
    const [row] = await receiver.query<{ pos: string }>('SELECT @@gtid_slave_pos AS pos');
    if (seqIn(row.pos, Number(CODE)) >= target) return;
    const [status] = await receiver.query<Record<string, string>>('SHOW ALL SLAVES STATUS');
    if (status.Last_SQL_Error) throw new Error(status.Last_SQL_Error);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
