import { throttled, type Sql } from '../src/database';

// One request's statements: at most `width` at once, the rest in the request's own queue, dropped when
// the request ends — so that one request cannot take the whole pool.

function fakeSql() {
  let running = 0;
  let most = 0;
  const started: string[] = [];
  const finishers: Array<() => void> = [];
  const sql: Sql = {
    rows: async (text: string) => {
      started.push(text);
      most = Math.max(most, ++running);
      await new Promise<void>((resolve) => finishers.push(resolve));
      running--;
      return [];
    },
    execute: async () => ({ insertId: 0, affectedRows: 0 }),
    pinned: (work) => work(sql),
    transaction: (work) => work(sql),
  };
  return { sql, started, finishers, most: () => most };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

test('at most `width` statements run at once; the others start in order as each ends', async () => {
  const fake = fakeSql();
  const sql = throttled(fake.sql, 3);
  const all = Promise.all(Array.from({ length: 10 }, (_, i) => sql.rows(`q${i}`)));
  await turn();
  expect(fake.started).toEqual(['q0', 'q1', 'q2']);
  while (fake.finishers.length > 0) {
    fake.finishers.shift()!();
    await turn();
  }
  await all;
  expect(fake.started).toEqual(Array.from({ length: 10 }, (_, i) => `q${i}`));
  expect(fake.most()).toBe(3);
});

test('once the request is over, what still waits fails and nothing new starts', async () => {
  const fake = fakeSql();
  const sql = throttled(fake.sql, 1);
  const first = sql.rows('first');
  const second = sql.rows('second');
  await turn();
  sql.cancel(new Error('over'));
  await expect(second).rejects.toThrow('over');
  await expect(sql.rows('third')).rejects.toThrow('over');
  fake.finishers.shift()!();
  await expect(first).resolves.toEqual([]);
  expect(fake.started).toEqual(['first']);
});
