import { conversionFailed } from '../http/errors';

// The `v` parameter: ref, default, full, or custom:(a,b:ref,c:(x,y:full)). Resources write their
// own ref/default/full property lists in the same syntax, so one parser serves both.

export type Representation =
  { kind: 'ref' } | { kind: 'default' } | { kind: 'full' } | { kind: 'custom'; properties: PropertySelection[] };

export interface PropertySelection {
  name: string;
  representation: Representation;
}

export const REF: Representation = { kind: 'ref' };
export const DEFAULT: Representation = { kind: 'default' };
export const FULL: Representation = { kind: 'full' };

const CUSTOM_PREFIX = 'custom:';

export function parseRepresentation(v: string): Representation {
  if (v === 'ref') return REF;
  if (v === 'default') return DEFAULT;
  if (v === 'full') return FULL;
  if (v.startsWith(CUSTOM_PREFIX))
    return { kind: 'custom', properties: parsePropertyList(v.slice(CUSTOM_PREFIX.length)) };
  throw conversionFailed(`Unknown representation: ${v}`);
}

/**
 * "(uuid,person:(uuid,display),identifiers:ref)" → selections, the way ConversionUtil reads them: one
 * leading "(" and one trailing ")" are dropped whether or not they pair up, and commas split at the top
 * level only. So an unbalanced list is read, not refused — O3's chart sends one — and a stray ")" ends
 * up in a property name, which is then unknown. A property without a representation gets the default.
 */
export function parsePropertyList(text: string, depth = 0): PropertySelection[] {
  if (depth > MAX_DEPTH) throw conversionFailed(`A representation may nest at most ${MAX_DEPTH} levels`);
  let body = text.trim();
  if (body.startsWith('(')) body = body.slice(1);
  if (body.endsWith(')')) body = body.slice(0, -1);
  return splitTopLevel(body)
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => parseSelection(part, depth));
}

/** Far deeper than any O3 app asks for; what is deeper only multiplies the work. */
const MAX_DEPTH = 12;

function parseSelection(part: string, depth: number): PropertySelection {
  const colon = part.indexOf(':');
  if (colon < 0) return { name: part, representation: DEFAULT };
  const name = part.slice(0, colon).trim();
  const rep = part.slice(colon + 1).trim();
  if (rep.startsWith('(')) {
    return { name, representation: { kind: 'custom', properties: parsePropertyList(rep, depth + 1) } };
  }
  const named = rep.toLowerCase();
  return { name, representation: named === 'ref' ? REF : named === 'full' ? FULL : DEFAULT };
}

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}
