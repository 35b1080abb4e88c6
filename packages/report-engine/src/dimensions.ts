import type { PeriodContext } from './context';
import type { Dimension, Option } from './report';
import { join, raw, sql, type Sql } from './sql';

// Age and sex as PEPFAR and MISAU cut them (EPTS `EptsCommonDimension`, `ResumoMensalAandBdisaggregations`). Dimensions are SQL over
// the cohort row `c` and its person `p`; ages are whole years (TIMESTAMPDIFF) at a given day.

const options = (codes: readonly string[], label = (code: string) => code): Option[] =>
  codes.map((code) => ({ code, label: label(code) }));

/** Age in whole years at `at` (a cohort column or a date); NULL without a birthdate. */
function age(at: Sql): Sql {
  return sql`TIMESTAMPDIFF(YEAR, p.birthdate, ${at})`;
}

/** The `[low, high]` band (inclusive; high undefined = open-ended) the age falls in, as CASE WHEN arms. */
function bands(years: Sql, cuts: ReadonlyArray<readonly [string, number, number?]>, otherwise: Sql): Sql {
  const arms = cuts.map(([code, low, high]) =>
    high === undefined
      ? sql`WHEN ${years} >= ${low} THEN ${code}`
      : sql`WHEN ${years} BETWEEN ${low} AND ${high} THEN ${code}`,
  );
  return sql`CASE WHEN p.birthdate IS NULL THEN ${otherwise} ${join(arms, ' ')} ELSE ${otherwise} END`;
}

const PEPFAR_BANDS: ReadonlyArray<readonly [string, number, number?]> = [
  ['<1', 0, 0],
  ['1-4', 1, 4],
  ['5-9', 5, 9],
  ['10-14', 10, 14],
  ['15-19', 15, 19],
  ['20-24', 20, 24],
  ['25-29', 25, 29],
  ['30-34', 30, 34],
  ['35-39', 35, 39],
  ['40-44', 40, 44],
  ['45-49', 45, 49],
  ['50-54', 50, 54],
  ['55-59', 55, 59],
  ['60-64', 60, 64],
  ['65+', 65],
];

/** PEPFAR's fine age bands plus "unknown", at the end date or at `at(ctx)` (TX_NEW: the ART start). */
export function pepfarAge(at: (ctx: PeriodContext) => Sql = (ctx) => sql`${ctx.endDate}`): Dimension {
  return {
    id: 'age',
    label: 'Idade',
    options: options([...PEPFAR_BANDS.map(([code]) => code), 'unknown'], (c) => (c === 'unknown' ? 'Desconhecida' : c)),
    value: (ctx) => bands(age(at(ctx)), PEPFAR_BANDS, raw("'unknown'")),
  };
}

export const sex: Dimension = {
  id: 'sex',
  label: 'Sexo',
  options: [
    { code: 'F', label: 'Feminino' },
    { code: 'M', label: 'Masculino' },
  ],
  value: () => sql`CASE p.gender WHEN 'F' THEN 'F' WHEN 'M' THEN 'M' END`,
};

/** A Resumo Mensal column group: bands crossed with sex where the form splits them ("10-14M"). */
function resumoGroup(
  id: string,
  label: string,
  columns: ReadonlyArray<readonly [string, number, number?, string?]>,
): Dimension {
  return {
    id,
    label,
    options: options(columns.map(([code]) => code)),
    value: (ctx) => {
      const years = age(sql`${ctx.endDate}`);
      const arms = columns.map(([code, low, high, gender]) => {
        const inBand = high === undefined ? sql`${years} >= ${low}` : sql`${years} BETWEEN ${low} AND ${high}`;
        return gender ? sql`WHEN ${inBand} AND p.gender = ${gender} THEN ${code}` : sql`WHEN ${inBand} THEN ${code}`;
      });
      return sql`CASE ${join(arms, ' ')} END`;
    },
  };
}

/** Resumo Mensal "TC": children under 15. */
export const resumoChildren = resumoGroup('children', 'Crianças (0-14)', [
  ['0-4', 0, 4],
  ['5-9', 5, 9],
  ['10-14M', 10, 14, 'M'],
  ['10-14F', 10, 14, 'F'],
]);

/** Resumo Mensal "TA": adults 15 and over. */
export const resumoAdults = resumoGroup('adults', 'Adultos (15+)', [
  ['15-19M', 15, 19, 'M'],
  ['15-19F', 15, 19, 'F'],
  ['20+M', 20, undefined, 'M'],
  ['20+F', 20, undefined, 'F'],
]);

/** Resumo Mensal "TAD": adolescents 10–19, in the form's column order. */
export const resumoAdolescents = resumoGroup('adolescents', 'Adolescentes (10-19)', [
  ['10-14M', 10, 14, 'M'],
  ['10-14F', 10, 14, 'F'],
  ['15-19F', 15, 19, 'F'],
  ['15-19M', 15, 19, 'M'],
]);

/** The sections of the Resumo Mensal counted only as under 15 / 15 and over. */
export const resumoUnder15: Dimension = resumoGroup('ageGroup', 'Idade', [
  ['<15', 0, 14],
  ['15+', 15],
]);

/** A dimension read from a column of the cohort (MMD, TX_ML outcome…): the cohort computes the code. */
export function cohortColumn(id: string, label: string, column: string, choices: readonly Option[]): Dimension {
  return { id, label, options: choices, value: () => raw(`c.${column}`) };
}
