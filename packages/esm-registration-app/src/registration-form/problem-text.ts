import { useCallback } from 'react';
import { useTranslation } from '@poc-emr/esm-commons-lib';
import type { Problem } from '../domain/registration';

/** The message shown under a field for each kind of problem. */
export function useProblemText() {
  const { t } = useTranslation();
  return useCallback(
    (problem?: Problem): string | undefined => {
      switch (problem?.code) {
        case undefined:
          return undefined;
        case 'required':
          return t('required', 'Required');
        case 'invalidName':
          return t('invalidName', 'Only letters, spaces, hyphens and apostrophes');
        case 'futureDate':
          return t('futureDate', 'Cannot be in the future');
        case 'tooOld':
          return t('tooOld', 'More than 120 years ago');
        case 'invalidAge':
          return t('invalidAge', 'Years 0–120, months 0–11');
        case 'beforeBirth':
          return t('beforeBirth', 'Cannot be before the birthdate');
        case 'invalidPhone':
          return t('invalidPhone', 'A Mozambican number, e.g. 841234567 or +258841234567');
        case 'invalidFormat':
          return t('invalidFormat', 'Expected format: {{format}}', { format: problem.format });
        case 'server':
          return problem.message;
      }
    },
    [t],
  );
}
