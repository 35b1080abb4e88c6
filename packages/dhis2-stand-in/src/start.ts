import fs from 'node:fs';
import { metadataOf } from './metadata';
import { createStandIn, type StandIn } from './server';

/** The stand-in on loopback, knowing the uids of these mapping files; accepts admin / district. */
export async function startStandIn(
  mappingFiles: readonly string[],
  port = 0,
): Promise<{ standIn: StandIn; url: string }> {
  const mappings = mappingFiles.map((file) => JSON.parse(fs.readFileSync(file, 'utf8')));
  const standIn = createStandIn({ metadata: metadataOf(mappings) });
  const url = await standIn.app.listen({ port, host: '127.0.0.1' });
  return { standIn, url };
}
