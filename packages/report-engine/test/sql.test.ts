import { greatest, join, raw, render, sql } from '../src';

test('nested fragments keep their parameters in order; values never enter the text', () => {
  const inner = sql`SELECT patient_id FROM obs WHERE concept_id = ${856} AND value_text = ${"x' OR 1=1"}`;
  const outer = sql`SELECT * FROM (${inner}) o WHERE o.patient_id IN (${[1, 2]}) LIMIT ${10}`;
  expect(render(outer)).toEqual({
    text: 'SELECT * FROM (SELECT patient_id FROM obs WHERE concept_id = ? AND value_text = ?) o WHERE o.patient_id IN (?) LIMIT ?',
    values: [856, "x' OR 1=1", [1, 2], 10],
  });
  expect(render(join([sql`a = ${1}`, sql`b = ${2}`], ' AND '))).toEqual({ text: 'a = ? AND b = ?', values: [1, 2] });
});

test('greatest skips NULL arguments: every argument leads one COALESCE', () => {
  expect(render(greatest(raw('a'), raw('b'), sql`${3}`)).text).toBe(
    'GREATEST(COALESCE(a, b, ?), COALESCE(b, ?, a), COALESCE(?, a, b))',
  );
});
