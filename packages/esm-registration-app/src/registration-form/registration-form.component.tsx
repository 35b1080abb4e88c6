import { Button, InlineLoading, InlineNotification, Tag } from '@carbon/react';
import { navigate, showSnackbar, useConfig, useSession } from '@openmrs/esm-framework';
import { useCallback, useMemo, useState } from 'react';
import type { RegistrationConfig } from '../config-schema';
import { emptyValues, localToday, type RegistrationValues, type ValidationRules } from '../domain/registration';
import { useIdentifierTypes } from '../resources/metadata.resource';
import { AddressSection } from './address-section.component';
import { ConfidantSection, ContactSection, HivTestSection } from './contact-section.component';
import { DemographicsSection } from './demographics-section.component';
import { DuplicatePanel } from './duplicate-panel.component';
import { IdentifiersSection } from './identifiers-section.component';
import { useProblemText } from './problem-text';
import { usePatientMapping } from './use-patient-mapping';
import { useSavePatient } from './use-save-patient';
import { useTranslation, WidgetBoundary } from '@poc-emr/esm-commons-lib';
import styles from './registration-form.scss';

interface Props {
  /** The patient being edited, with the values read from the server */
  editing?: { uuid: string; values: RegistrationValues; voided: boolean; dead: boolean };
  /** yyyy-mm-dd; today by default */
  today?: string;
}

export function RegistrationForm({ editing, today = localToday() }: Props) {
  const { t } = useTranslation();
  const config = useConfig<RegistrationConfig>();
  const { sessionLocation } = useSession();
  const { types } = useIdentifierTypes([config.nid.identifierTypeUuid, ...config.otherIdentifierTypes]);
  const nidType = types.find((type) => type.uuid === config.nid.identifierTypeUuid);
  const otherTypes = useMemo(() => types.filter((type) => type !== nidType), [types, nidType]);
  const [values, setValues] = useState<RegistrationValues>(editing?.values ?? emptyValues());
  const update = useCallback((patch: Partial<RegistrationValues>) => setValues((v) => ({ ...v, ...patch })), []);

  const rules: ValidationRules = useMemo(
    () => ({
      phonePattern: config.phonePattern,
      nidType: nidType ?? { uuid: config.nid.identifierTypeUuid, name: 'NID' },
      otherIdentifierTypes: otherTypes,
      hivTestEnabled: config.hivTest.enabled,
      today,
    }),
    [config, nidType, otherTypes, today],
  );
  const mapping = usePatientMapping(today);
  const saving = useSavePatient({ config, rules, mapping, editing: editing?.uuid });
  const problemText = useProblemText();
  const section = { values, update, problems: saving.problems, problemText };

  const submit = async (acceptProbable = false) => {
    const outcome = await saving.save(values, acceptProbable);
    if (!outcome.saved) return;
    showSnackbar({
      kind: 'success',
      title: editing ? t('patientUpdated', 'Patient details saved') : t('patientRegistered', 'Patient registered'),
    });
    navigate({ to: config.links.patientChart, templateParams: { patientUuid: outcome.uuid } });
  };

  return (
    <form
      className={styles.form}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2 className={styles.title}>
        {editing ? t('editPatient', 'Edit patient details') : t('registerPatient', 'Register a patient')}
      </h2>
      {editing?.voided && <Tag type="red">{t('voided', 'Voided record')}</Tag>}
      {editing?.dead && <Tag type="gray">{t('deceased', 'Deceased')}</Tag>}
      <DemographicsSection {...section} />
      <IdentifiersSection
        {...section}
        nidType={nidType}
        otherTypes={otherTypes}
        allowManualNid={config.nid.allowManualEntry}
        generatedNid={saving.generatedNid}
        editing={!!editing}
      />
      <ContactSection {...section} />
      <WidgetBoundary name={t('address', 'Address')}>
        <AddressSection {...section} fields={config.address.fields} />
      </WidgetBoundary>
      <ConfidantSection {...section} relationships={config.confidantRelationships} />
      {config.hivTest.enabled && <HivTestSection {...section} types={config.hivTest.types} />}
      {saving.duplicates && (
        <DuplicatePanel
          check={saving.duplicates}
          nidTypeUuid={config.nid.identifierTypeUuid}
          patientChart={config.links.patientChart}
          onContinue={() => void submit(true)}
        />
      )}
      {saving.failure && (
        <InlineNotification
          kind="error"
          lowContrast
          role="alert"
          title={saving.failure.network ? t('connectionLost', 'No answer from the server') : t('notSaved', 'Not saved')}
          subtitle={
            saving.failure.network
              ? t(
                  'connectionLostHelp',
                  'Everything typed is kept in this form. Save again when the connection is back.',
                )
              : saving.failure.message
          }
        />
      )}
      {Object.keys(saving.problems).length > 0 && !saving.failure && (
        <p className={styles.problems} role="status">
          {t('fixProblems', 'Correct the fields marked in red')}
        </p>
      )}
      <div className={styles.actions}>
        <Button kind="secondary" onClick={() => window.history.back()}>
          {t('cancel', 'Cancel')}
        </Button>
        <Button kind="primary" type="submit" disabled={saving.busy || !sessionLocation}>
          {saving.busy ? <InlineLoading description={t('saving', 'Saving…')} /> : t('save', 'Save')}
        </Button>
      </div>
    </form>
  );
}
