import type { LineListRow } from './report';

/**
 * The patients of an indicator's line list behind one of its cells: those whose option of each
 * dimension of the cell is the cell's, any option for a dimension's "total" ({} is the whole list).
 */
export function patientsOfCell<T extends LineListRow>(
  rows: readonly T[],
  options: Readonly<Record<string, string>>,
): T[] {
  const wanted = Object.entries(options);
  return rows.filter((row) =>
    wanted.every(([dimension, option]) => {
      const own = row.options?.[dimension] ?? null;
      return option === 'total' ? own !== null : own === option;
    }),
  );
}
