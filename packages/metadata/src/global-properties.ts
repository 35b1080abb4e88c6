import { SaxesParser } from 'saxes';
import type { ValidationIssue } from './issues';

// Initializer's global-property XML: <config><globalProperties><globalProperty><property/><value/>…

export interface GlobalProperty {
  file: string;
  line: number;
  property: string;
  value: string | null;
}

const PATH = ['config', 'globalProperties', 'globalProperty'];
const FIELDS = new Set(['property', 'value', 'description']);

export function readGlobalProperties(
  xml: string,
  file: string,
): { properties: GlobalProperty[]; issues: ValidationIssue[] } {
  const properties: GlobalProperty[] = [];
  const issues: ValidationIssue[] = [];
  const parser = new SaxesParser({ position: true });
  const stack: string[] = [];
  let current: { line: number; fields: Map<string, string> } | undefined;
  let buffer = '';
  let failed = false;
  // After a syntax error the parser goes on, but what follows would only be noise.
  const fail = (line: number, message: string) => failed || issues.push({ file, line, message });

  parser.on('error', (error) => {
    fail(parser.line, `Malformed XML: ${error.message.replace(/^\d+:\d+: /, '')}`);
    failed = true;
  });
  parser.on('opentag', (tag) => {
    const depth = stack.length;
    stack.push(tag.name);
    buffer = '';
    if (depth < PATH.length) {
      if (tag.name !== PATH[depth]) fail(parser.line, `Unexpected <${tag.name}>, expected <${PATH[depth]}>`);
      else if (depth === PATH.length - 1) current = { line: parser.line, fields: new Map() };
    } else if (depth === PATH.length && !FIELDS.has(tag.name)) {
      fail(parser.line, `Unexpected <${tag.name}> in <globalProperty>`);
    }
  });
  parser.on('text', (t) => (buffer += t));
  parser.on('cdata', (t) => (buffer += t));
  parser.on('closetag', (tag) => {
    if (stack.length === PATH.length + 1 && current) current.fields.set(tag.name, buffer);
    if (stack.length === PATH.length && current) {
      const property = current.fields.get('property')?.trim();
      if (!property) fail(current.line, 'A <globalProperty> needs a non-empty <property>');
      else properties.push({ file, line: current.line, property, value: current.fields.get('value') ?? null });
      current = undefined;
    }
    stack.pop();
  });
  parser.write(xml).close();
  return failed ? { properties: [], issues } : { properties, issues };
}
