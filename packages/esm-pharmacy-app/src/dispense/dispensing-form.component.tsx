import type { ReactNode } from 'react';
import { useTranslation } from '@poc-emr/esm-commons-lib';
import { Button, InlineNotification, RadioButton, RadioButtonGroup } from '@carbon/react';
import type { DispenseMode } from '@poc-emr/fila';
import styles from '../pharmacy.scss';

interface Props {
  /** The form's heading and accessible name. */
  title: string;
  saveLabel: string;
  saving: boolean;
  /** Why the last save failed; the save can be tried again without writing twice. */
  failure: string | undefined;
  primary?: boolean;
  onSave: () => void;
  children: ReactNode;
}

/** The layout the ARV (FILA) and TPT (FILT) dispensing forms share: heading, fields, failure, save. */
export function DispensingForm({ title, saveLabel, saving, failure, primary = true, onSave, children }: Props) {
  const { t } = useTranslation();
  return (
    <form
      className={styles.form}
      // The browser's own checks (min date) would block the save without saying why in Portuguese.
      noValidate
      aria-label={title}
      onSubmit={(e) => {
        e.preventDefault();
        onSave();
      }}
    >
      <h4>{title}</h4>
      {children}
      {failure && (
        <InlineNotification
          kind="error"
          hideCloseButton
          title={t('saveFailed', 'Not saved: try again (it will not be saved twice).')}
          subtitle={failure}
        />
      )}
      <div>
        <Button type="submit" kind={primary ? 'primary' : 'secondary'} disabled={saving}>
          {saving ? t('saving', 'Saving…') : saveLabel}
        </Button>
      </div>
    </form>
  );
}

/** The dispensation model: monthly, quarterly (DT), semi-annual (DS) — or those of them `modes` names. */
export function DispenseModeRadios<M extends DispenseMode>({
  name,
  value,
  modes,
  onChange,
}: {
  name: string;
  value: M;
  modes: readonly M[];
  onChange: (mode: M) => void;
}) {
  const { t } = useTranslation();
  const labels: Record<DispenseMode, string> = {
    monthly: t('monthly', 'Monthly'),
    quarterly: t('quarterly', 'Quarterly (DT)'),
    semiannual: t('semiannual', 'Semi-annual (DS)'),
  };
  return (
    <RadioButtonGroup
      legendText={t('dispenseMode', 'Dispensation model')}
      name={name}
      valueSelected={value}
      onChange={(selected) => onChange(selected as M)}
    >
      {modes.map((mode) => (
        <RadioButton key={mode} id={`${name}-${mode}`} value={mode} labelText={labels[mode]} />
      ))}
    </RadioButtonGroup>
  );
}

export const ALL_MODES: readonly DispenseMode[] = ['monthly', 'quarterly', 'semiannual'];
