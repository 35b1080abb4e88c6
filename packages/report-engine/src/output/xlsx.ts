import ExcelJS from 'exceljs';
import type { Dimension, FacilityReport, IndicatorDefinition, ReportDefinition } from '../report';
import { cellsOf, optionLabel } from './cells';
import { LINE_LIST_COLUMNS } from './csv';

/** Indicators next to each other with the same disaggregations share one block of column headers. */
function blocks(report: ReportDefinition): IndicatorDefinition[][] {
  const shape = (i: IndicatorDefinition) => i.disaggregations.map((d) => d.map((dim) => dim.id).join('×')).join('|');
  return report.indicators.reduce<IndicatorDefinition[][]>((acc, indicator) => {
    const last = acc[acc.length - 1];
    if (last && shape(last[0]) === shape(indicator)) last.push(indicator);
    else acc.push([indicator]);
    return acc;
  }, []);
}

const HEADER = { bold: true };

/** The form as MISAU prints it: per block, dimension headers over option headers, a row per indicator. */
function writeSheet(sheet: ExcelJS.Worksheet, report: ReportDefinition, result: FacilityReport, title: string): void {
  sheet.addRow([report.label]).font = { bold: true, size: 14 };
  sheet.addRow([title]);
  sheet.addRow([`Período: ${result.startDate} a ${result.endDate}`]);
  for (const block of blocks(report)) {
    sheet.addRow([]);
    const groups = block[0].disaggregations;
    const top: string[] = ['Código', 'Indicador', 'Total'];
    const options: string[] = ['', '', ''];
    const merges: Array<[number, number]> = [];
    for (const dimensions of groups) {
      const sample = cellsOf(result, block[0], dimensions);
      merges.push([top.length + 1, top.length + sample.length]);
      sample.forEach((cell, i) => {
        top.push(i === 0 ? dimensions.map((d) => d.label).join(' × ') : '');
        options.push(dimensions.map((d: Dimension) => optionLabel(d, cell.options[d.id])).join(' · '));
      });
    }
    const topRow = sheet.addRow(top);
    topRow.font = HEADER;
    for (const [from, to] of merges) if (to > from) sheet.mergeCells(topRow.number, from, topRow.number, to);
    sheet.addRow(options).font = HEADER;
    for (const indicator of block) {
      const values = groups.flatMap((dimensions) => cellsOf(result, indicator, dimensions).map((c) => c.value));
      sheet.addRow([indicator.code, indicator.label, cellsOf(result, indicator, [])[0]?.value ?? 0, ...values]);
    }
  }
  sheet.getColumn(2).width = 60;
}

/** Cells summed over facilities, for the "Total" sheet. */
function summed(results: readonly FacilityReport[]): FacilityReport {
  const byKey = new Map<string, FacilityReport['cells'][number]>();
  for (const cell of results.flatMap((r) => r.cells)) {
    const key = `${cell.indicator}|${JSON.stringify(cell.options)}`;
    const seen = byKey.get(key);
    byKey.set(key, { ...cell, value: (seen?.value ?? 0) + cell.value });
  }
  return { ...results[0], facility: null, cells: [...byKey.values()] };
}

/** A workbook: one sheet per facility (and their total when several), line lists on their own sheets. */
export async function reportWorkbook(report: ReportDefinition, results: readonly FacilityReport[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const names = new Set<string>();
  // Excel sheet names: at most 31 characters, none of []:*?/\ and unique.
  const sheet = (name: string) => {
    let base = name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 28);
    for (let i = 2; names.has(base); i++) base = `${name.slice(0, 25)} (${i})`;
    names.add(base);
    return book.addWorksheet(base);
  };
  if (results.length > 1)
    writeSheet(sheet('Total'), report, summed(results), `Total de ${results.length} unidades sanitárias`);
  for (const r of results) {
    const name = r.facility ? `${r.facility.name} (${r.facility.code ?? 'sem código'})` : r.database;
    writeSheet(sheet(r.facility?.name ?? r.database), report, r, name);
  }
  for (const indicator of report.indicators) {
    const lists = results.filter((r) => r.lineLists?.[indicator.code]);
    if (lists.length === 0) continue;
    const s = sheet(`Lista ${indicator.code}`);
    s.addRow(['Unidade sanitária', ...LINE_LIST_COLUMNS.map(([, label]) => label)]).font = HEADER;
    for (const r of lists) {
      for (const p of r.lineLists![indicator.code]) {
        s.addRow([r.facility?.name ?? r.database, ...LINE_LIST_COLUMNS.map(([key]) => p[key])]);
      }
    }
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
