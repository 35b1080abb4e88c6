import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DumpRowCounter } from '../src/dump-rows';

async function count(text: string, chunkSize = 7): Promise<Record<string, number>> {
  return (await counted(text, chunkSize)).rows;
}

async function counted(text: string, chunkSize = 7) {
  const chunks: Buffer[] = [];
  const bytes = Buffer.from(text);
  for (let i = 0; i < bytes.length; i += chunkSize) chunks.push(bytes.subarray(i, i + chunkSize));
  const counter = new DumpRowCounter();
  await pipeline(Readable.from(chunks), counter, async function* (source) {
    for await (const _ of source) void _;
  });
  return { rows: Object.fromEntries(counter.rows), complete: counter.complete, gtidPosition: counter.gtidPosition };
}

test('counts the rows of extended INSERTs, whatever the strings hold and however the stream is cut', async () => {
  const dump = [
    '-- MariaDB dump',
    'CREATE TABLE `person` (`id` int);',
    "INSERT INTO `person` VALUES (1,'Zé (o ''Gordo'')'),(2,'a\\'),(b'),(3,NULL);",
    "INSERT INTO `person` VALUES (4,'x;y'),(5,0x28293B);",
    "INSERT INTO `obs` VALUES (1,'\\\\'),(2,'(((');",
    '/*!40000 ALTER TABLE `obs` ENABLE KEYS */;',
    'INSERT INTO `we``ird` VALUES (1);',
    'INSERT INTO `location` VALUES',
    "(1,'Sede'),",
    "(2,'Anexo');",
    '',
  ].join('\n');
  for (const size of [1, 3, 7, 1000]) {
    expect(await count(dump, size)).toEqual({ person: 5, obs: 2, 'we`ird': 1, location: 2 });
  }
});

test('lines that only look like inserts are not counted', async () => {
  expect(await count("-- INSERT INTO `x` VALUES (1)\nSELECT 'INSERT INTO `y` VALUES (1)';\n")).toEqual({});
});

test('a dump is complete only when it ends with the "Dump completed" line', async () => {
  expect((await counted('INSERT INTO `a` VALUES (1);\n-- Dump completed on 2026-12-07 14:00:00\n')).complete).toBe(
    true,
  );
  expect(
    (await counted('INSERT INTO `a` VALUES (1);\n-- Dump completed on 2026-12-07 14:00:00\nINSERT')).complete,
  ).toBe(false);
  expect((await counted('INSERT INTO `a` VALUES (1),(2')).complete).toBe(false);
});

test("the source's GTID position is read from the dump's --master-data line", async () => {
  const dump = [
    '-- CHANGE MASTER TO MASTER_USE_GTID=slave_pos;',
    'INSERT INTO `a` VALUES (1);',
    "-- SET GLOBAL gtid_slave_pos='0-1-9,1100407-1100407-1234';",
    "SELECT '-- SET GLOBAL gtid_slave_pos=''9-9-9'';';",
    '',
  ].join('\n');
  for (const size of [1, 5, 1000]) {
    expect((await counted(dump, size)).gtidPosition).toBe('0-1-9,1100407-1100407-1234');
  }
  expect((await counted('INSERT INTO `a` VALUES (1);\n')).gtidPosition).toBe('');
});
