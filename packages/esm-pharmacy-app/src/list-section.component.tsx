import type { ReactNode } from 'react';
import { problemOf, useTranslation } from '@poc-emr/esm-commons-lib';
import { InlineLoading, InlineNotification } from '@carbon/react';
import styles from './pharmacy.scss';

interface Props {
  title: string;
  /** Shown after the title once known. */
  count?: number;
  heading?: 'h3' | 'h4';
  isLoading: boolean;
  error: unknown;
  failedText: string;
  /** Said instead of the rows when there are none. */
  emptyText: string;
  empty: boolean;
  children: ReactNode;
}

/** A titled list of the pharmacy: its count, loading, a failure said plainly, the empty case, the rows. */
export default function ListSection({
  title,
  count,
  heading = 'h3',
  isLoading,
  error,
  failedText,
  emptyText,
  empty,
  children,
}: Props) {
  const { t } = useTranslation();
  const Heading = heading;
  return (
    <section className={styles.list} aria-label={title}>
      <Heading className={styles.listTitle}>
        {title}
        {count !== undefined && ` (${count})`}
      </Heading>
      {isLoading && <InlineLoading description={t('loading', 'Loading…')} />}
      {Boolean(error) && (
        <InlineNotification kind="error" hideCloseButton title={failedText} subtitle={problemOf(error)?.message} />
      )}
      {empty ? <p className={styles.hint}>{emptyText}</p> : children}
    </section>
  );
}
