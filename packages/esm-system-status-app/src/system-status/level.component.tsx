import { CheckmarkFilled, ErrorFilled, MisuseOutline, WarningAltFilled } from '@carbon/react/icons';
import { useTranslation } from '@poc-emr/esm-commons-lib';
import type { Level } from '../resources/system-status.resource';
import styles from './system-status.scss';

/** Red / amber / green with its word, never colour alone (grey: not used on this server). */
export function LevelTag({ level }: { level: Level }) {
  const { t } = useTranslation();
  const Icon = { ok: CheckmarkFilled, warning: WarningAltFilled, error: ErrorFilled, off: MisuseOutline }[level];
  const text = {
    ok: t('levelOk', 'OK'),
    warning: t('levelWarning', 'Attention'),
    error: t('levelError', 'Problem'),
    off: t('levelOff', 'Not in use'),
  }[level];
  return (
    <span className={`${styles.level} ${styles[level]}`}>
      <Icon size={16} aria-hidden="true" />
      {text}
    </span>
  );
}
