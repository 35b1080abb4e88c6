import type { Page } from 'playwright-core';
import { newContext, signIn } from '../browser';
import type { Stack } from '../stack';

// What the chart benches share: each run opens a page in a fresh browser profile (empty cache), then
// again in the same profile (cache warm), as a clinician; medians over the runs.

export interface Run<T> {
  empty: T;
  warm: T;
}

export const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor((list.length - 1) / 2)];

/** `runs` times: `open` in a fresh signed-in profile, then again in it; each run printed by `line`. */
export async function coldAndWarm<T>(
  stack: Stack,
  runs: number,
  open: (page: Page) => Promise<T>,
  line: (label: string, opened: T) => string,
): Promise<Run<T>[]> {
  const results: Run<T>[] = [];
  for (let run = 1; run <= runs; run++) {
    const context = await newContext(stack.browser);
    await signIn(context, stack.origin, 'Clinician');
    const empty = await open(await context.newPage());
    const warm = await open(await context.newPage());
    await context.close();
    results.push({ empty, warm });
    console.log(`run ${run}\n${line('empty cache', empty)}\n${line('warm cache', warm)}`);
  }
  return results;
}
