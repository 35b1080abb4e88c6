import { useEffect, useState } from 'react';
import { Button } from '@carbon/react';
import { Edit } from '@carbon/react/icons';
import { formatDatetime, launchWorkspace2, useConfig } from '@openmrs/esm-framework';
import { useTranslation } from '@poc-emr/esm-commons-lib';
import type { HivCareConfig } from '../config-schema';
import { DRAFTS_CHANGED, draftsOf } from './drafts';
import styles from '../hiv-care.scss';

/** Whole years from a yyyy-mm-dd birthdate to today. */
function ageOf(birthDate: string | undefined): number | null {
  if (!birthDate) return null;
  const born = new Date(`${birthDate.slice(0, 10)}T00:00:00`);
  const now = new Date();
  return (
    now.getFullYear() -
    born.getFullYear() -
    (now < new Date(now.getFullYear(), born.getMonth(), born.getDate()) ? 1 : 0)
  );
}

/** The patient's drafts, read again whenever one changes. */
function useDrafts(patientUuid: string, days: number) {
  const [drafts, setDrafts] = useState(() => draftsOf(patientUuid, days));
  useEffect(() => {
    const reread = () => setDrafts(draftsOf(patientUuid, days));
    window.addEventListener(DRAFTS_CHANGED, reread);
    window.addEventListener('storage', reread);
    return () => {
      window.removeEventListener(DRAFTS_CHANGED, reread);
      window.removeEventListener('storage', reread);
    };
  }, [patientUuid, days]);
  return [...drafts.values()];
}

/** The HIV forms (configuration: `forms`) for the patient's age, each opened in the form-entry workspace. */
export function HivForms({ patientUuid, birthDate }: { patientUuid: string; birthDate?: string }) {
  const { t } = useTranslation();
  const { forms, draftDays } = useConfig<HivCareConfig>();
  const drafts = useDrafts(patientUuid, draftDays);
  const age = ageOf(birthDate);
  const offered = forms.filter((f) => age === null || (age >= f.minAge && age <= f.maxAge));
  return (
    <section className={styles.panel} aria-label={t('hivForms', 'HIV forms')}>
      <h4>{t('hivForms', 'HIV forms')}</h4>
      <ul className={styles.forms}>
        {offered.map(({ name }) => {
          const draft = drafts.find((d) => d.formName === name);
          return (
            <li key={name}>
              <Button
                kind="tertiary"
                size="sm"
                renderIcon={Edit}
                onClick={() => void launchWorkspace2('patient-form-entry-workspace', { form: { name } })}
              >
                {name}
              </Button>
              {draft ? (
                <span className={styles.draft}>
                  {t('draftWaiting', 'Draft of {{date}} waiting', { date: formatDatetime(new Date(draft.savedAt)) })}
                </span>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
