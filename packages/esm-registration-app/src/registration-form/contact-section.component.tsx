import { Select, SelectItem, TextInput } from '@carbon/react';
import { DateField, useTranslation } from '@poc-emr/esm-commons-lib';
import { invalidProps, type SectionProps } from './section-props';
import styles from './registration-form.scss';

export function ContactSection(props: SectionProps) {
  const { t } = useTranslation();
  const { values, update } = props;
  return (
    <fieldset className={styles.section}>
      <legend className={styles.sectionTitle}>{t('contact', 'Contact')}</legend>
      <div className={styles.row}>
        <TextInput
          id="phone"
          type="tel"
          labelText={t('phone', 'Phone number')}
          value={values.phone}
          onChange={(e) => update({ phone: e.target.value })}
          {...invalidProps(props, 'phone')}
        />
        <TextInput
          id="phone2"
          type="tel"
          labelText={t('phone2', 'Other phone number')}
          value={values.phone2}
          onChange={(e) => update({ phone2: e.target.value })}
          {...invalidProps(props, 'phone2')}
        />
      </div>
      <TextInput
        id="referencePoint"
        labelText={t('referencePoint', 'Reference point')}
        helperText={t('referencePointHelp', 'How to find the house: a school, a market, a church…')}
        value={values.referencePoint}
        onChange={(e) => update({ referencePoint: e.target.value })}
      />
    </fieldset>
  );
}

export function ConfidantSection(props: SectionProps & { relationships: string[] }) {
  const { t } = useTranslation();
  const { values, update } = props;
  return (
    <fieldset className={styles.section}>
      <legend className={styles.sectionTitle}>{t('confidant', 'Confidant')}</legend>
      <div className={styles.row}>
        <TextInput
          id="confidantName"
          labelText={t('confidantName', 'Name of the confidant')}
          value={values.confidantName}
          onChange={(e) => update({ confidantName: e.target.value })}
          {...invalidProps(props, 'confidantName')}
        />
        <Select
          id="confidantRelationship"
          labelText={t('confidantRelationship', 'Relationship')}
          value={values.confidantRelationship}
          onChange={(e) => update({ confidantRelationship: e.target.value })}
        >
          <SelectItem value="" text={t('choose', 'Choose')} />
          {props.relationships.map((r) => (
            <SelectItem key={r} value={r} text={r} />
          ))}
        </Select>
        <TextInput
          id="confidantPhone"
          type="tel"
          labelText={t('confidantPhone', 'Phone of the confidant')}
          value={values.confidantPhone}
          onChange={(e) => update({ confidantPhone: e.target.value })}
          {...invalidProps(props, 'confidantPhone')}
        />
      </div>
    </fieldset>
  );
}

export function HivTestSection(props: SectionProps & { types: string[] }) {
  const { t } = useTranslation();
  const { values, update } = props;
  return (
    <fieldset className={styles.section}>
      <legend className={styles.sectionTitle}>{t('hivTest', 'HIV test')}</legend>
      <div className={styles.row}>
        <DateField
          id="hivTestDate"
          labelText={t('hivTestDate', 'Date of the positive test')}
          value={values.hivTestDate}
          onChange={(value) => update({ hivTestDate: value })}
          {...invalidProps(props, 'hivTestDate')}
        />
        <Select
          id="hivTestType"
          labelText={t('hivTestType', 'Type of test')}
          value={values.hivTestType}
          onChange={(e) => update({ hivTestType: e.target.value })}
        >
          <SelectItem value="" text={t('choose', 'Choose')} />
          {props.types.map((type) => (
            <SelectItem key={type} value={type} text={type} />
          ))}
        </Select>
      </div>
    </fieldset>
  );
}
