import type { IncomingMessage } from 'node:http';
import { badRequest, RestError, unsupportedMediaType } from './errors';

/** Large enough for an encounter with many obs, small enough to refuse accidents. */
export const BODY_LIMIT = 1024 * 1024;

/** Jackson 2.18's StreamReadConstraints: deeper documents are refused before anything is read from them. */
export const MAX_NESTING_DEPTH = 1000;

export interface BodyOptions {
  /** REST (Spring + Jackson) or FHIR (HAPI): which media types each takes and how each refuses the others. */
  api: 'rest' | 'fhir';
  limit?: number;
}

/**
 * Reads a JSON object body, as the servers in front of OpenMRS do: only JSON media types (Spring's
 * MappingJackson2HttpMessageConverter; a text/plain POST is no cross-site way in), no body at all is a
 * 400, too deep or too large a document is refused.
 */
export async function readJsonBody(request: IncomingMessage, options: BodyOptions): Promise<Record<string, unknown>> {
  const limit = options.limit ?? BODY_LIMIT;
  const contentType = request.headers['content-type'];
  const declared = contentType?.split(';')[0].trim().toLowerCase();
  const json = declared === 'application/json' || /^application\/[\w.-]+\+json$/.test(declared ?? '');
  const text = await readText(request, limit);
  if (!json) {
    if (options.api === 'fhir') {
      throw new RestError(
        400,
        '',
        `Incorrect Content-Type header value of "${contentType ?? ''}" was provided in the request. A FHIR Content-Type is required`,
        'InvalidRequestException',
      );
    }
    // Spring reads no body as null, whatever its type; a body of no type as application/octet-stream.
    if (contentType !== undefined || text !== '') {
      throw unsupportedMediaType(contentType ?? 'application/octet-stream');
    }
  }
  if (text.trim() === '') throw badRequest('Required request body is missing');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw badRequest(`JSON parse error: ${(error as Error).message}`);
  }
  if (nestingDepth(body) > MAX_NESTING_DEPTH) {
    throw badRequest(`JSON parse error: Document nesting depth exceeds the maximum allowed (${MAX_NESTING_DEPTH})`);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest('JSON parse error: expected an object');
  }
  return body as Record<string, unknown>;
}

function readText(request: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    if (Number(request.headers['content-length']) > limit) {
      // What is left is read and dropped, so that the client gets the answer rather than a reset.
      request.resume();
      reject(tooLarge(limit));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    request.on('end', () => (size > limit ? reject(tooLarge(limit)) : resolve(Buffer.concat(chunks).toString('utf8'))));
    request.on('error', reject);
  });
}

const tooLarge = (limit: number) =>
  new RestError(413, '', `Request body larger than ${limit} bytes`, 'PayloadTooLarge');

/** How deep a parsed document nests, walked without recursion. */
function nestingDepth(value: unknown): number {
  let deepest = 0;
  const pending: Array<[unknown, number]> = [[value, 0]];
  while (pending.length > 0) {
    const [item, depth] = pending.pop()!;
    if (typeof item !== 'object' || item === null) continue;
    deepest = Math.max(deepest, depth + 1);
    if (deepest > MAX_NESTING_DEPTH) return deepest;
    for (const child of Object.values(item)) pending.push([child, depth + 1]);
  }
  return deepest;
}
