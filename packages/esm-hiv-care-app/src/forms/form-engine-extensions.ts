import { translateFrom } from '@openmrs/esm-framework';
import { registerFieldValidator, type FormField, type FormFieldValidator } from '@openmrs/esm-form-engine-lib';
import type { HivSummary } from '../resources/hiv-summary.resource';
import { writeDraft, type Draft } from './drafts';
import { registerFormEngineTranslations } from './form-engine-pt';

// What this app adds to the O3 form engine through its registry: a validator that keeps the draft, put
// on every question by the form-entry workspace, and `hivRecord`, which a form's JSON names to check an
// answer against the patient's earlier records (the HIV summary the chart already holds).

const moduleName = '@poc-emr/esm-hiv-care-app';
const t = (key: string, fallback: string, options?: Record<string, unknown>) =>
  translateFrom(moduleName, key, fallback, options);

/** The HIV summary of each patient whose form is open, for `hivRecord`. */
const records = new Map<string, HivSummary>();

export function setEarlierRecords(patientUuid: string, summary: HivSummary | undefined): void {
  if (summary) records.set(patientUuid, summary);
  else records.delete(patientUuid);
}

interface ValidatorContext {
  values?: Record<string, unknown>;
  expressionContext?: { patient?: { id?: string } };
}

const draftKeeper: FormFieldValidator = {
  validate(
    _field: FormField,
    _value: unknown,
    config: ValidatorContext & { key: string; draft: Omit<Draft, 'values' | 'savedAt'> },
  ) {
    if (config.values) writeDraft(config.key, config.draft, config.values);
    return [];
  },
};

const dayOf = (value: unknown): string | null => {
  if (value instanceof Date && !Number.isNaN(value.getTime())) {
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
  }
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : null;
};

/**
 * `{"type": "hivRecord", "rule": …}` on a date question, a warning when the answer contradicts the
 * patient's records: `notAfterFirstPickup` (an ART start after the first ARV pickup), `notBeforeArtStart`,
 * `notBeforeLastViralLoad` (a viral-load result older than the last one on record).
 */
const earlierRecords: FormFieldValidator = {
  validate(_field: FormField, value: unknown, config: ValidatorContext & { rule: string }) {
    const summary = records.get(config.expressionContext?.patient?.id ?? '');
    const answer = dayOf(value);
    if (!summary || !answer) return [];
    const warn = (message: string) => [{ resultType: 'warning' as const, errCode: config.rule, message }];
    const start = summary.artStart;
    const firstPickup = start && (start.source === 'fila' || start.source === 'master-card') ? start.date : null;
    if (config.rule === 'notAfterFirstPickup' && firstPickup && answer > firstPickup) {
      return warn(
        t('afterFirstPickup', 'The first ARV pickup was on {{date}}: ART started by then.', { date: firstPickup }),
      );
    }
    if (config.rule === 'notBeforeArtStart' && start && answer < start.date) {
      return warn(t('beforeArtStart', 'Before the ART start ({{date}}).', { date: start.date }));
    }
    const lastVl = summary.viralLoads[0]?.date;
    if (config.rule === 'notBeforeLastViralLoad' && lastVl && answer < lastVl) {
      return warn(
        t('beforeLastViralLoad', 'There is a later viral-load result on record ({{date}}).', { date: lastVl }),
      );
    }
    return [];
  },
};

let registered = false;

/** Registers the validators and the Portuguese of the form engine, once. */
export function registerFormEngineExtensions(): void {
  if (registered) return;
  registered = true;
  registerFieldValidator({ name: 'pocDraft', load: () => Promise.resolve({ default: draftKeeper }) });
  registerFieldValidator({ name: 'hivRecord', load: () => Promise.resolve({ default: earlierRecords }) });
  registerFormEngineTranslations(
    (window as { i18next?: Parameters<typeof registerFormEngineTranslations>[0] }).i18next,
  );
}
