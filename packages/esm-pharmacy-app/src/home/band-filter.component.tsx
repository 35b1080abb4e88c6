import { useTranslation } from '@poc-emr/esm-commons-lib';
import { Button } from '@carbon/react';
import styles from '../pharmacy.scss';

interface Props {
  bands: Array<{ code: string; label: string }>;
  counts: Record<string, number>;
  selected: string | undefined;
  onSelect: (code: string | undefined) => void;
}

/** The late list's bands of days late (faltosos, abandonos), each with its count; one at a time or all. */
export default function BandFilter({ bands, counts, selected, onSelect }: Props) {
  const { t } = useTranslation();
  const all = Object.values(counts).reduce((a, b) => a + b, 0);
  return (
    <div className={styles.bands} role="group" aria-label={t('daysLate', 'Days late')}>
      {[
        { code: undefined, label: t('allBands', 'All'), count: all },
        ...bands.map((b) => ({ ...b, count: counts[b.code] ?? 0 })),
      ].map((b) => (
        <Button
          key={b.code ?? 'all'}
          size="sm"
          kind={selected === b.code ? 'primary' : 'tertiary'}
          aria-pressed={selected === b.code}
          onClick={() => onSelect(b.code)}
        >
          {`${b.label} (${b.count})`}
        </Button>
      ))}
    </div>
  );
}
