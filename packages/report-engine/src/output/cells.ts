import type { Cell, Dimension, FacilityReport, IndicatorDefinition, ReportDefinition } from '../report';

/** The dimension ids a report uses, in first-use order: the columns of the flat outputs. */
export function dimensionIds(report: ReportDefinition): string[] {
  const ids = report.indicators.flatMap((i) => i.disaggregations.flatMap((d) => d.map((dim) => dim.id)));
  return [...new Set(ids)];
}

/** "15-19" → its label ("Desconhecida" for "unknown", "Total" for the total of a dimension). */
export function optionLabel(dimension: Dimension, code: string): string {
  return code === 'total' ? 'Total' : (dimension.options.find((o) => o.code === code)?.label ?? code);
}

/** The cells of one disaggregation of an indicator (or its total for `dimensions` []), in definition order. */
export function cellsOf(
  result: FacilityReport,
  indicator: IndicatorDefinition,
  dimensions: readonly Dimension[],
): Cell[] {
  const ids = dimensions.map((d) => d.id).sort();
  return result.cells.filter(
    (c) => c.indicator === indicator.code && Object.keys(c.options).sort().join() === ids.join(),
  );
}

/** A stable key of a cell: "TX_CURR", "TX_CURR|age=15-19|sex=F". */
export function cellKey(indicator: string, options: Readonly<Record<string, string>>): string {
  const parts = Object.keys(options)
    .sort()
    .map((id) => `${id}=${options[id]}`);
  return [indicator, ...parts].join('|');
}

/** Every cell a run of `report` produces, as (indicator, options), without running it. */
export function expectedCells(report: ReportDefinition): Array<{ indicator: string; options: Record<string, string> }> {
  return report.indicators.flatMap((indicator) => [
    { indicator: indicator.code, options: {} },
    ...indicator.disaggregations.flatMap((dimensions) => {
      const combinations = dimensions.reduce<Array<Record<string, string>>>(
        (acc, d) => acc.flatMap((prefix) => d.options.map((o) => ({ ...prefix, [d.id]: o.code }))),
        [{}],
      );
      const total = dimensions.length === 1 ? [{ [dimensions[0].id]: 'total' }] : [];
      return [...combinations, ...total].map((options) => ({ indicator: indicator.code, options }));
    }),
  ]);
}
