import type { BrowserContext, Page } from 'playwright-core';
import { pool } from '@poc-emr/db';
import { listLines, newContext, signIn, watchProblems, type Problems } from './browser';
import { startStack, type Stack, type StackOptions } from './stack';

// What a browser spec file shares: the stack, a database pool on its facility, pages signed in per
// role that report failed backend calls and uncaught errors, and one close() for all of it.
// useSpec() registers the hooks every spec file wants around them.

export type Row = Record<string, unknown>;

/** A person_name row (given_name, middle_name, family_name) as O3 shows it: "given middle family". */
export function fullName(name: Row): string {
  return [name.given_name, name.middle_name, name.family_name].filter(Boolean).map(String).join(' ');
}

export interface Spec {
  stack: Stack;
  problems: Problems;
  /** A new browser context signed in as the demo user of `role`, and a page in it. */
  pageAs(role: string): Promise<Page>;
  rows(sql: string, params?: unknown[]): Promise<Row[]>;
  close(): Promise<void>;
}

export async function openSpec(options: StackOptions = {}): Promise<Spec> {
  const stack = await startStack(options);
  const db = pool(stack.database, 2);
  const contexts: BrowserContext[] = [];
  const problems: Problems = { failedCalls: [], uncaught: [], consoleErrors: [] };
  return {
    stack,
    problems,
    pageAs: async (role) => {
      const context = await newContext(stack.browser);
      contexts.push(context);
      await signIn(context, stack.origin, role);
      const page = await context.newPage();
      watchProblems(page, problems);
      return page;
    },
    rows: async (sql, params = []) => (await db.query(sql, params))[0] as Row[],
    close: async () => {
      for (const context of contexts) await context.close();
      await db.end();
      await stack.close();
      console.log(`Console errors logged by the apps: ${listLines(problems.consoleErrors)}`);
    },
  };
}

/**
 * The spec of the file that calls it: opened before all its tests (before the file's own beforeAll), closed
 * after them; after each test, no backend call may have failed (but those src/browser.ts expects) and no
 * app may have thrown.
 */
export function useSpec(options: StackOptions = {}): Spec {
  const spec = {} as Spec;
  beforeAll(async () => {
    Object.assign(spec, await openSpec(options));
  });
  afterEach(() => {
    expect(spec.problems.failedCalls.splice(0)).toEqual([]);
    expect(spec.problems.uncaught.splice(0)).toEqual([]);
  });
  afterAll(() => spec.close?.());
  return spec;
}
