import { Button, RadioButton, RadioButtonGroup, Select, SelectItem } from '@carbon/react';
import { useMemo, useState } from 'react';
import { lastClosed, monthNames, periodText, type PeriodChoice, type PeriodKind } from '../period';
import { problemOf, startRun, useServiceUrl } from '../resources/reports.resource';
import type { Catalogue, Run } from '../resources/types';
import styles from './reports-dashboard.scss';
import { Notice } from '../notice.component';
import { DateField, useTranslation } from '@poc-emr/esm-commons-lib';

/** Pick the report, its period and the facility, and run it; a run already under way is shown instead. */
export function RunForm({ catalogue, onRun }: { catalogue: Catalogue; onRun: (run: Run) => void }) {
  const { t, i18n } = useTranslation();
  const months = useMemo(() => monthNames(i18n.language), [i18n.language]);
  const url = useServiceUrl();
  const closed = useMemo(() => lastClosed(), []);
  const [report, setReport] = useState(
    catalogue.reports.find((r) => r.id === 'resumo-mensal')?.id ?? catalogue.reports[0]?.id,
  );
  const [facility, setFacility] = useState(catalogue.facilities[0]?.database);
  const periodType = catalogue.reports.find((r) => r.id === report)?.periodType;
  const [choice, setChoice] = useState<PeriodChoice>({ kind: 'month', ...closed, from: '', to: '' });
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  const period = periodText(choice);

  const chooseReport = (id: string) => {
    setReport(id);
    const type = catalogue.reports.find((r) => r.id === id)?.periodType;
    setChoice((c) => ({ ...c, kind: type === 'Quarterly' ? 'quarter' : 'month' }));
  };

  const run = async () => {
    setProblem(undefined);
    setBusy(true);
    try {
      onRun(await startRun(url, { report: report!, period: period!, facility: facility! }));
    } catch (error) {
      const found = problemOf(error);
      if (found?.run) onRun(found.run);
      setProblem(found?.message);
    } finally {
      setBusy(false);
    }
  };

  const years = Array.from({ length: 6 }, (_, i) => closed.year - i);
  return (
    <div className={styles.runForm}>
      <Select
        id="report"
        labelText={t('report', 'Report')}
        value={report}
        onChange={(e) => chooseReport(e.target.value)}
      >
        {catalogue.reports.map((r) => (
          <SelectItem key={r.id} value={r.id} text={r.label} />
        ))}
      </Select>
      <RadioButtonGroup
        legendText={t('period', 'Period')}
        name="period-kind"
        valueSelected={choice.kind}
        onChange={(kind) => setChoice((c) => ({ ...c, kind: kind as PeriodKind }))}
      >
        <RadioButton id="period-month" labelText={t('month', 'Month')} value="month" />
        <RadioButton id="period-quarter" labelText={t('quarter', 'Quarter')} value="quarter" />
        <RadioButton id="period-range" labelText={t('dateRange', 'Dates')} value="range" />
      </RadioButtonGroup>
      {choice.kind === 'month' && (
        <div className={styles.inline}>
          <Select
            id="period-month-value"
            labelText={t('month', 'Month')}
            value={choice.month.slice(5)}
            onChange={(e) => setChoice((c) => ({ ...c, month: `${c.month.slice(0, 4)}-${e.target.value}` }))}
          >
            {months.map((name, i) => (
              <SelectItem key={name} value={String(i + 1).padStart(2, '0')} text={name} />
            ))}
          </Select>
          <Select
            id="period-month-year"
            labelText={t('year', 'Year')}
            value={choice.month.slice(0, 4)}
            onChange={(e) => setChoice((c) => ({ ...c, month: `${e.target.value}-${c.month.slice(5)}` }))}
          >
            {years.map((y) => (
              <SelectItem key={y} value={String(y)} text={String(y)} />
            ))}
          </Select>
        </div>
      )}
      {choice.kind === 'quarter' && (
        <div className={styles.inline}>
          <Select
            id="period-year"
            labelText={t('year', 'Year')}
            value={choice.year}
            onChange={(e) => setChoice((c) => ({ ...c, year: Number(e.target.value) }))}
          >
            {years.map((y) => (
              <SelectItem key={y} value={y} text={String(y)} />
            ))}
          </Select>
          <Select
            id="period-quarter-value"
            labelText={t('quarter', 'Quarter')}
            value={choice.quarter}
            onChange={(e) => setChoice((c) => ({ ...c, quarter: Number(e.target.value) }))}
          >
            {[1, 2, 3, 4].map((q) => (
              <SelectItem key={q} value={q} text={`T${q}`} />
            ))}
          </Select>
        </div>
      )}
      {choice.kind === 'range' && (
        <div className={styles.inline}>
          <DateField
            id="period-from"
            labelText={t('from', 'From')}
            value={choice.from}
            onChange={(value) => setChoice((c) => ({ ...c, from: value }))}
          />
          <DateField
            id="period-to"
            labelText={t('to', 'To')}
            value={choice.to}
            onChange={(value) => setChoice((c) => ({ ...c, to: value }))}
          />
        </div>
      )}
      {choice.kind === 'range' || (periodType === 'Quarterly') === (choice.kind === 'quarter') ? null : (
        <p className={styles.hint}>
          {t('periodNotSentHint', 'SIS-MA takes this report for a whole month or quarter only.')}
        </p>
      )}
      {catalogue.facilities.length > 1 && (
        <Select
          id="facility"
          labelText={t('facility', 'Health facility')}
          value={facility}
          onChange={(e) => setFacility(e.target.value)}
        >
          {catalogue.facilities.map((f) => (
            <SelectItem key={f.database} value={f.database} text={f.code ? `${f.name} (${f.code})` : f.name} />
          ))}
        </Select>
      )}
      <Button onClick={run} disabled={busy || !report || !period || !facility}>
        {t('runReport', 'Run report')}
      </Button>
      {problem && <Notice title={t('notRun', 'Not run')} message={problem} />}
    </div>
  );
}
