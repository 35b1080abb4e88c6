import { Fragment } from 'react';
import { useTranslation } from '@poc-emr/esm-commons-lib';
import type { Cell, Dimension, Indicator, Report } from '../resources/types';
import styles from './reports-dashboard.scss';

export interface SelectedCell {
  indicator: string;
  options: Record<string, string>;
  /** "B13 · Crianças · 0-4", for the patients' panel. */
  label: string;
  value: number;
}

const keyOf = (indicator: string, options: Record<string, string>) =>
  [
    indicator,
    ...Object.keys(options)
      .sort()
      .map((d) => `${d}=${options[d]}`),
  ].join('|');

/** Every combination of the dimensions' options, in form order, then the dimension's total when it is alone. */
function columns(dimensions: Dimension[]): Array<{ options: Record<string, string>; label: string }> {
  const crossed = dimensions.reduce<Array<{ options: Record<string, string>; label: string }>>(
    (acc, d) =>
      acc.flatMap((prefix) =>
        d.options.map((o) => ({
          options: { ...prefix.options, [d.id]: o.code },
          label: prefix.label ? `${prefix.label} · ${o.label}` : o.label,
        })),
      ),
    [{ options: {}, label: '' }],
  );
  return dimensions.length === 1 ? [...crossed, { options: { [dimensions[0].id]: 'total' }, label: 'Total' }] : crossed;
}

/** Indicators next to each other with the same disaggregations share one block of headers, as on the MISAU form. */
function blocks(report: Report): Indicator[][] {
  const shape = (i: Indicator) => i.disaggregations.map((d) => d.map((x) => x.id).join('×')).join('|');
  return report.indicators.reduce<Indicator[][]>((acc, indicator) => {
    const last = acc[acc.length - 1];
    if (last && shape(last[0]) === shape(indicator)) last.push(indicator);
    else acc.push([indicator]);
    return acc;
  }, []);
}

/** The report laid out like the MISAU form: indicators as rows, disaggregations as grouped columns; every number opens its patients. */
export function ReportForm({
  report,
  cells,
  onCell,
}: {
  report: Report;
  cells: Cell[];
  onCell: (cell: SelectedCell) => void;
}) {
  const { t } = useTranslation();
  const values = new Map(cells.map((c) => [keyOf(c.indicator, c.options), c.value]));
  const number = (indicator: Indicator, options: Record<string, string>, label: string) => {
    const value = values.get(keyOf(indicator.code, options));
    if (value === undefined) return <td />;
    const name = [indicator.code, label].filter(Boolean).join(' · ');
    return (
      <td className={styles.number}>
        <button
          type="button"
          className={styles.cellButton}
          aria-label={`${name}: ${value}`}
          onClick={() => onCell({ indicator: indicator.code, options, label: name, value })}
        >
          {value}
        </button>
      </td>
    );
  };
  return (
    <div className={styles.form}>
      {blocks(report).map((block) => {
        const groups = block[0].disaggregations.map((dimensions) => ({ dimensions, columns: columns(dimensions) }));
        return (
          <table key={block[0].code} className={styles.formTable}>
            <thead>
              <tr>
                <th rowSpan={2}>{t('code', 'Code')}</th>
                <th rowSpan={2}>{t('indicator', 'Indicator')}</th>
                <th rowSpan={2}>{t('total', 'Total')}</th>
                {groups.map((g) => (
                  <th key={g.dimensions.map((d) => d.id).join('×')} colSpan={g.columns.length} className={styles.group}>
                    {g.dimensions.map((d) => d.label).join(' × ')}
                  </th>
                ))}
              </tr>
              <tr>
                {groups.flatMap((g) =>
                  g.columns.map((c) => (
                    <th key={keyOf('', c.options)} className={styles.option}>
                      {c.label}
                    </th>
                  )),
                )}
              </tr>
            </thead>
            <tbody>
              {block.map((indicator) => (
                <tr key={indicator.code}>
                  <th scope="row">{indicator.code}</th>
                  <td className={styles.label}>{indicator.label}</td>
                  {number(indicator, {}, '')}
                  {groups.flatMap((g) =>
                    g.columns.map((c) => (
                      <Fragment key={keyOf('', c.options)}>{number(indicator, c.options, c.label)}</Fragment>
                    )),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        );
      })}
    </div>
  );
}
