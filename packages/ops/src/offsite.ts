import fs from 'node:fs';
import path from 'node:path';
import { manifestPath } from './backup';
import { verifyBackup } from './restore';
import { prune } from './retention';
import { start, tool } from './tools';

/**
 * Copies a verified backup to `destination` — a mounted folder (USB disk, NAS) or `user@host:path` over
 * ssh — the file first and its manifest last, so the copy counts only once whole. Each backup has its own
 * name: a copy never replaces an earlier one. A mounted folder is then pruned like the local one; a
 * remote host keeps its own retention.
 */
export async function copyOffsite(file: string, destination: string, database: string): Promise<void> {
  await verifyBackup(file);
  const remote = /^[^/]*:/.test(destination);
  if (!remote) fs.mkdirSync(destination, { recursive: true });
  const target = remote ? destination.replace(/\/?$/, '/') : `${path.resolve(destination)}/`;
  for (const part of [file, manifestPath(file)]) {
    const rsync = start(tool('rsync'), [
      '--checksum',
      '--times',
      '--chmod=F600',
      '--partial-dir=.rsync-partial',
      '--timeout=600',
      part,
      target,
    ]);
    await rsync.done;
  }
  if (!remote) {
    await verifyBackup(path.join(destination, path.basename(file)));
    prune(destination, database);
  }
}
