import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { tool } from '../tools';

// TLS between the servers of hybrid mode: partner IT's own small CA signs each facility server's
// certificate; the receiving servers trust that CA only and check the name (or address) they dial.

export interface ServerCertificate {
  ca: string;
  cert: string;
  key: string;
}

const DAYS = { ca: 3650, server: 825 };

export const isHost = (host: string) => /^[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252})$/.test(host) || net.isIP(host) !== 0;

/**
 * The CA in `dir` (created on first use: ca.pem and ca-key.pem, the key kept by partner IT), and a server
 * certificate for `host` (a DNS name or an IP address) signed by it, written as server-cert.pem and
 * server-key.pem: the file names `ops replication config --tls-dir` expects.
 */
export function serverCertificate(dir: string, host: string): ServerCertificate {
  if (!isHost(host)) throw new Error(`Not a host name or address: "${host}"`);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = (name: string) => path.join(dir, name);
  const openssl = (args: string[]) => execFileSync(tool('openssl'), args, { stdio: ['ignore', 'ignore', 'pipe'] });
  if (!fs.existsSync(file('ca.pem'))) {
    openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', file('ca-key.pem')]);
    openssl([
      'req',
      '-x509',
      '-new',
      '-key',
      file('ca-key.pem'),
      '-days',
      String(DAYS.ca),
      '-subj',
      '/O=poc-emr/CN=poc-emr replication CA',
      '-out',
      file('ca.pem'),
    ]);
  }
  const san = net.isIP(host) ? `IP:${host}` : `DNS:${host}`;
  openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', file('server-key.pem')]);
  openssl([
    'req', '-new', '-key', file('server-key.pem'), '-subj', `/O=poc-emr/CN=${host}`, '-out', file('server.csr'),
  ]); // prettier-ignore
  const extensions = file('server.ext');
  fs.writeFileSync(extensions, `subjectAltName=${san}\nextendedKeyUsage=serverAuth\n`);
  openssl([
    'x509', '-req', '-in', file('server.csr'), '-CA', file('ca.pem'), '-CAkey', file('ca-key.pem'),
    '-CAcreateserial', '-days', String(DAYS.server), '-extfile', extensions, '-out', file('server-cert.pem'),
  ]); // prettier-ignore
  fs.rmSync(file('server.csr'));
  fs.rmSync(extensions);
  for (const name of ['ca-key.pem', 'server-key.pem']) fs.chmodSync(file(name), 0o600);
  return { ca: file('ca.pem'), cert: file('server-cert.pem'), key: file('server-key.pem') };
}
