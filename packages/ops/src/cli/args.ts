import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { databaseLocation, parseDatabaseUrl, type Credentials, type DatabaseLocation } from '@poc-emr/db';
import { AGE_RECIPIENT } from '../backup';

/** A mistake in the command line: exit 2, nothing done. */
export class BadInput extends Error {}

export type Values = Record<string, string | boolean | undefined>;

/** The command's options (`flags` take no value); any other option is refused. */
export function parseOptions(args: string[], options: readonly string[], flags: readonly string[] = []): Values {
  try {
    return parseArgs({
      args,
      options: Object.fromEntries([
        ...options.map((name) => [name, { type: 'string' as const }]),
        ...flags.map((name) => [name, { type: 'boolean' as const }]),
      ]),
    }).values as Values;
  } catch (error) {
    throw new BadInput((error as Error).message);
  }
}

export function need(values: Values, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || !value) throw new BadInput(`--${name} is required`);
  return value;
}

export function positive(values: Values, name: string, fallback: number): number {
  const value = values[name] === undefined ? fallback : Number(values[name]);
  if (!(value > 0)) throw new BadInput(`--${name} must be a positive number`);
  return value;
}

/** A database: mysql://user:password@host:port/database, or a name on the project's server. */
export function databaseSpec(text: string): DatabaseLocation {
  try {
    return databaseLocation(text);
  } catch (error) {
    throw new BadInput((error as Error).message);
  }
}

/** A server's administrative account: mysql://user:password@host:port/ */
export function serverSpec(name: string, text: string): Credentials {
  try {
    return parseDatabaseUrl(text).credentials;
  } catch {
    throw new BadInput(`--${name}: expected mysql://user:password@host:port/`);
  }
}

/** The receiving server's administrative account: --receiver, or POC_DB_URL (the distro's ops container). */
export function receiverOf(values: Values): Credentials {
  const text = (values.receiver as string | undefined) || process.env.POC_DB_URL;
  if (!text) throw new BadInput('--receiver is required (or POC_DB_URL)');
  return serverSpec('receiver', text);
}

/** An age public key, given as such or in a file (the first `age1…` line). */
export function recipientOf(text: string): string {
  if (text.startsWith('age1')) {
    if (!AGE_RECIPIENT.test(text)) throw new BadInput(`--recipient: not an age public key: ${text}`);
    return text;
  }
  if (!fs.existsSync(text)) throw new BadInput(`--recipient: neither an age public key (age1…) nor a file: ${text}`);
  const content = fs.readFileSync(text, 'utf8');
  if (content.includes('AGE-SECRET-KEY-')) {
    throw new BadInput(`${text} holds a private key: keep it off this server and give its public key (age1…)`);
  }
  const key = content.match(/age1[0-9a-z]{58}/);
  if (!key) throw new BadInput(`${text} holds no age public key (age1…)`);
  return key[0];
}
