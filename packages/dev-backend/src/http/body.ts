import type { IncomingMessage } from 'node:http';
import { badRequest, RestError } from './errors';

/** Large enough for an encounter with many obs, small enough to refuse accidents. */
export const BODY_LIMIT = 1024 * 1024;

/** Reads a JSON object body; an empty body reads as {}. */
export async function readJsonBody(request: IncomingMessage, limit = BODY_LIMIT): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new RestError(413, '', `Request body larger than ${limit} bytes`, 'PayloadTooLarge');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw badRequest(`Could not read JSON: ${(error as Error).message}`);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest('Could not read JSON: expected an object');
  }
  return body as Record<string, unknown>;
}
