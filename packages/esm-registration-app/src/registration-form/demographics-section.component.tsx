import { Checkbox, RadioButton, RadioButtonGroup, TextInput } from '@carbon/react';
import type { Sex } from '../domain/registration';
import { DateField, useSexLabel, useTranslation } from '@poc-emr/esm-commons-lib';
import { invalidProps, type SectionProps } from './section-props';
import styles from './registration-form.scss';

export function DemographicsSection(props: SectionProps) {
  const { t } = useTranslation();
  const { values, update } = props;
  const sexLabel = useSexLabel();
  const sexProblem = props.problemText(props.problems.sex);
  // Registration asks F or M; a record saved elsewhere as O or U keeps its value when edited.
  const sexes: Sex[] = values.sex === 'O' || values.sex === 'U' ? ['F', 'M', values.sex] : ['F', 'M'];
  return (
    <fieldset className={styles.section}>
      <legend className={styles.sectionTitle}>{t('demographics', 'Personal details')}</legend>
      <div className={styles.row}>
        <TextInput
          id="givenName"
          labelText={t('givenName', 'First name')}
          value={values.givenName}
          onChange={(e) => update({ givenName: e.target.value })}
          {...invalidProps(props, 'givenName')}
        />
        <TextInput
          id="middleName"
          labelText={t('middleName', 'Middle name (optional)')}
          value={values.middleName}
          onChange={(e) => update({ middleName: e.target.value })}
          {...invalidProps(props, 'middleName')}
        />
        <TextInput
          id="familyName"
          labelText={t('familyName', 'Family name')}
          value={values.familyName}
          onChange={(e) => update({ familyName: e.target.value })}
          {...invalidProps(props, 'familyName')}
        />
      </div>
      <RadioButtonGroup
        legendText={t('sex', 'Sex')}
        name="sex"
        valueSelected={values.sex}
        onChange={(sex) => update({ sex: sex as Sex })}
        invalid={!!sexProblem}
        invalidText={sexProblem}
      >
        {sexes.map((sex) => (
          <RadioButton key={sex} id={`sex-${sex}`} labelText={sexLabel(sex)} value={sex} />
        ))}
      </RadioButtonGroup>
      <Checkbox
        id="birthdateUnknown"
        labelText={t('birthdateUnknown', 'Birthdate unknown: estimate from age')}
        checked={!values.birthdateKnown}
        onChange={(_, { checked }) => update({ birthdateKnown: !checked })}
      />
      {values.birthdateKnown ? (
        <DateField
          id="birthdate"
          labelText={t('birthdate', 'Birthdate')}
          value={values.birthdate}
          onChange={(value) => update({ birthdate: value })}
          {...invalidProps(props, 'birthdate')}
        />
      ) : (
        <div className={styles.row}>
          <TextInput
            id="ageYears"
            type="number"
            min={0}
            labelText={t('ageYears', 'Age (years)')}
            value={values.ageYears}
            onChange={(e) => update({ ageYears: e.target.value })}
            {...invalidProps(props, 'ageYears')}
          />
          <TextInput
            id="ageMonths"
            type="number"
            min={0}
            max={11}
            labelText={t('ageMonths', 'and months')}
            value={values.ageMonths}
            onChange={(e) => update({ ageMonths: e.target.value })}
            {...invalidProps(props, 'ageMonths')}
          />
        </div>
      )}
    </fieldset>
  );
}
