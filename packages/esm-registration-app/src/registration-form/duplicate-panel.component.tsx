import { Button, InlineNotification, Tag } from '@carbon/react';
import { ConfigurableLink } from '@openmrs/esm-framework';
import type { DuplicateCheck, ExistingPatient } from '../domain/duplicates';
import styles from './registration-form.scss';
import { useSexLabel, useTranslation } from '@poc-emr/esm-commons-lib';

interface Props {
  check: DuplicateCheck;
  nidTypeUuid: string;
  patientChart: string;
  /** Save anyway: the user has looked at the probable duplicates and this is someone else */
  onContinue: () => void;
}

function Summary({ patient, nidTypeUuid }: { patient: ExistingPatient; nidTypeUuid: string }) {
  const { t } = useTranslation();
  const sexLabel = useSexLabel();
  const { person } = patient;
  const name = person.names[0];
  const nid = patient.identifiers.find((i) => i.identifierType?.uuid === nidTypeUuid)?.identifier;
  const address = person.addresses?.[0];
  return (
    <span className={styles.summary}>
      <strong>{[name?.givenName, name?.middleName, name?.familyName].filter(Boolean).join(' ')}</strong>
      {' · '}
      {nid ?? t('noNid', 'no NID')}
      {' · '}
      {sexLabel(person.gender)}
      {' · '}
      {person.birthdate?.slice(0, 10) ?? '?'}
      {person.birthdateEstimated ? ` (${t('estimated', 'estimated')})` : ''}
      {address?.countyDistrict ? ` · ${address.countyDistrict}` : ''}
      {person.dead ? ` · ${t('deceased', 'Deceased')}` : ''}
    </span>
  );
}

export function DuplicatePanel({ check, nidTypeUuid, patientChart, onContinue }: Props) {
  const { t } = useTranslation();
  const open = (patient: ExistingPatient) => (
    <ConfigurableLink
      to={patientChart}
      templateParams={{ patientUuid: patient.uuid }}
      className="cds--btn cds--btn--sm cds--btn--tertiary"
    >
      {t('openPatient', 'Open this patient')}
    </ConfigurableLink>
  );
  if (check.exact.length > 0) {
    return (
      <div className={styles.duplicates} role="alert">
        <InlineNotification
          kind="error"
          lowContrast
          hideCloseButton
          title={t('identifierTaken', 'This identifier already belongs to a patient')}
          subtitle={t('identifierTakenHelp', 'The patient is already registered: open their record instead.')}
        />
        {check.exact.map(({ identifier, patient }) => (
          <div key={patient.uuid + identifier} className={styles.duplicate}>
            <Tag type="red">{identifier}</Tag>
            <Summary patient={patient} nidTypeUuid={nidTypeUuid} />
            {open(patient)}
          </div>
        ))}
      </div>
    );
  }
  return (
    <div className={styles.duplicates} role="alert">
      <InlineNotification
        kind="warning"
        lowContrast
        hideCloseButton
        title={t('probableDuplicates', 'Possibly already registered')}
        subtitle={t('probableDuplicatesHelp', 'Check these patients before creating a new record.')}
      />
      {check.probable.map((match) => (
        <div key={match.patient.uuid} className={styles.duplicate}>
          <Summary patient={match.patient} nidTypeUuid={nidTypeUuid} />
          <span className={styles.reasons}>
            <Tag type="blue">{t('similarName', 'Similar name')}</Tag>
            {match.yearsApart !== undefined && (
              <Tag type="blue">
                {match.yearsApart === 0
                  ? t('sameBirthYear', 'Same birth year')
                  : t('birthYearsApart', 'Born {{years}} year(s) apart', { years: match.yearsApart })}
              </Tag>
            )}
            {match.sameSex && <Tag type="blue">{t('sameSex', 'Same sex')}</Tag>}
            {match.sameDistrict && <Tag type="blue">{t('sameDistrict', 'Same district')}</Tag>}
          </span>
          {open(match.patient)}
        </div>
      ))}
      <Button kind="secondary" size="md" onClick={onContinue}>
        {t('notTheSame', 'None of these: register a new patient')}
      </Button>
    </div>
  );
}
