import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FRONTEND_DIR } from './build-spa';

export const DEFAULT_PACKAGE_CACHE = path.join(FRONTEND_DIR, '..', '..', '.data', 'o3-packages');

/**
 * The translations/ and src/ folders of a published O3 app, as its npm package ships them: fetched
 * once with `npm pack` (the registry is the only network; npm's cache usually has the tarball from
 * the SPA assembly) and kept under .data, one folder per exact version.
 */
export function publishedPackage(name: string, version: string, cache = DEFAULT_PACKAGE_CACHE): string {
  const dir = path.join(cache, `${name.replace('/', '+')}@${version}`);
  if (fs.existsSync(dir)) return dir;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'o3-package-'));
  try {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const tarball = execFileSync(npm, ['pack', `${name}@${version}`, '--silent', '--pack-destination', work], {
      encoding: 'utf8',
      env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false' },
    })
      .trim()
      .split('\n')
      .pop() as string;
    execFileSync('tar', [
      'xzf',
      path.join(work, tarball),
      '-C',
      work,
      '--wildcards',
      'package/translations/*',
      'package/src/*',
    ]);
    const staged = `${dir}.partial`;
    fs.rmSync(staged, { recursive: true, force: true });
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    fs.cpSync(path.join(work, 'package'), staged, { recursive: true });
    fs.renameSync(staged, dir);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  return dir;
}
