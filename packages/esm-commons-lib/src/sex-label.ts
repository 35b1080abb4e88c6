import { useCallback } from 'react';
import { useTranslation } from './translation';

/**
 * The label of an OpenMRS gender code. OpenMRS 2.x stores M, F, O (other) and U (unknown); a code
 * this app does not know is shown as stored rather than as one of the known ones.
 */
export function useSexLabel(): (gender: string | null | undefined) => string {
  const { t } = useTranslation();
  return useCallback(
    (gender) => {
      switch (gender) {
        case 'F':
          return t('female', 'Female');
        case 'M':
          return t('male', 'Male');
        case 'O':
          return t('sexOther', 'Other');
        case 'U':
          return t('sexUnknown', 'Unknown');
        default:
          return gender ?? '';
      }
    },
    [t],
  );
}
