import { Button, InlineNotification, Search, TextInput } from '@carbon/react';
import { useDebounce } from '@openmrs/esm-framework';
import { useEffect, useState } from 'react';
import { useTranslation } from '@poc-emr/esm-commons-lib';
import type { AddressField } from '../domain/registration';
import {
  searchFullAddresses,
  useAddressLevels,
  useChildEntries,
  type AddressLevel,
} from '../resources/address.resource';
import { type SectionProps } from './section-props';
import styles from './registration-form.scss';

// The Mozambican address hierarchy: each level suggests the entries below the levels above it
// (a datalist: free text stays possible, as most facilities have no entries below the district), and
// a search over whole addresses fills every level at once.

interface Props extends SectionProps {
  levels: AddressLevel[];
}

function LevelInput({ level, path, props }: { level: AddressLevel; path: string[]; props: Props }) {
  const { names } = useChildEntries(path);
  const field = level.addressField as AddressField;
  const value = props.values.address[field] ?? '';
  const listId = `address-${field}-entries`;
  return (
    <>
      <TextInput
        id={`address-${field}`}
        labelText={level.name}
        value={value}
        list={names.length > 0 ? listId : undefined}
        autoComplete="off"
        onChange={(e) => props.update({ address: below(props, field, e.target.value) })}
      />
      {names.length > 0 && (
        <datalist id={listId}>
          {names.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
      )}
    </>
  );
}

/** The address with `field` set and the levels under it cleared (they belonged to the old value). */
function below(props: Props, field: AddressField, value: string) {
  const order = props.levels;
  const index = order.findIndex((l) => l.addressField === field);
  const address = { ...props.values.address, [field]: value };
  for (const level of order.slice(index + 1)) address[level.addressField as AddressField] = '';
  return address;
}

function AddressSearch({ props }: { props: Props }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [found, setFound] = useState<string[][]>([]);
  const search = useDebounce(text, 300);
  useEffect(() => {
    let current = true;
    if (search.trim().length < 3) setFound([]);
    else
      searchFullAddresses(search.trim()).then(
        (addresses) => current && setFound(addresses.slice(0, 8)),
        () => current && setFound([]),
      );
    return () => {
      current = false;
    };
  }, [search]);
  const choose = (names: string[]) => {
    const address = { ...props.values.address };
    props.levels.forEach((level, i) => (address[level.addressField as AddressField] = names[i] ?? ''));
    props.update({ address });
    setText('');
  };
  return (
    <div className={styles.addressSearch}>
      <Search
        id="address-search"
        size="md"
        labelText={t('searchAddress', 'Search address')}
        placeholder={t('searchAddressPlaceholder', 'Type a district, posto or bairro')}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      {found.map((names) => (
        <Button key={names.join('|')} kind="ghost" size="sm" onClick={() => choose(names)}>
          {names.slice(1).join(', ')}
        </Button>
      ))}
    </div>
  );
}

export function AddressSection(props: SectionProps & { fields: string[] }) {
  const { t } = useTranslation();
  const { levels, error } = useAddressLevels();
  const { names: top } = useChildEntries([]);
  const all = levels ?? [];
  const withLevels = { ...props, levels: all };
  const hiddenTop =
    all[0] && !props.fields.includes(all[0].addressField) ? (all[0].addressField as AddressField) : undefined;
  // A single entry at a level not shown (the country): filled in without asking.
  useEffect(() => {
    if (hiddenTop && top.length === 1 && !props.values.address[hiddenTop])
      props.update({ address: { ...props.values.address, [hiddenTop]: top[0] } });
  }, [hiddenTop, top, props]);
  return (
    <fieldset className={styles.section}>
      <legend className={styles.sectionTitle}>{t('address', 'Address')}</legend>
      {error && (
        <InlineNotification
          kind="error"
          lowContrast
          hideCloseButton
          title={t('addressHierarchyFailed', 'The address levels could not be read')}
          subtitle={t('addressHierarchyFailedDetail', 'Save the patient without an address and add it later.')}
        />
      )}
      <AddressSearch props={withLevels} />
      <div className={styles.grid}>
        {all.map((level, i) =>
          props.fields.includes(level.addressField) ? (
            <LevelInput
              key={level.addressField}
              level={level}
              path={all.slice(0, i).map((l) => props.values.address[l.addressField as AddressField] ?? '')}
              props={withLevels}
            />
          ) : null,
        )}
      </div>
    </fieldset>
  );
}
