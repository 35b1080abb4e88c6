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
 * "(uuid,person:(uuid,display),identifiers:ref)" → selections. The outer parentheses are optional;
 * a property without a representation gets the default one, as in DelegatingResourceDescription.
 */
export function parsePropertyList(text: string): PropertySelection[] {
  const body = text.trim().replace(/^\(([\s\S]*)\)$/, '$1');
  return splitTopLevel(body)
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map(parseSelection);
}

function parseSelection(part: string): PropertySelection {
  const colon = part.indexOf(':');
  if (colon < 0) return { name: part, representation: DEFAULT };
  const name = part.slice(0, colon).trim();
  const rep = part.slice(colon + 1).trim();
  if (rep.startsWith('(')) return { name, representation: { kind: 'custom', properties: parsePropertyList(rep) } };
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
    else if (c === ')' && --depth < 0) throw conversionFailed(`Unbalanced parentheses in representation: ${text}`);
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  if (depth !== 0) throw conversionFailed(`Unbalanced parentheses in representation: ${text}`);
  parts.push(text.slice(start));
  return parts;
}
