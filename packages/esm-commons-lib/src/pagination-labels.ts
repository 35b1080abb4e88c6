import { useMemo } from 'react';
import { useTranslation } from './translation';

/** The texts Carbon's Pagination shows (in English unless given), in the user's language. */
export interface PaginationLabels {
  backwardText: string;
  forwardText: string;
  itemsPerPageText: string;
  itemRangeText: (min: number, max: number, total: number) => string;
  itemText: (min: number, max: number) => string;
  pageRangeText: (current: number, total: number) => string;
  pageSelectLabelText: (total: number) => string;
  pageText: (page: number) => string;
}

/** Spread into a Carbon `<Pagination>`: `<Pagination {...labels} … />`. */
export function usePaginationLabels(): PaginationLabels {
  const { t } = useTranslation();
  return useMemo(() => {
    const ofPages = (total: number) =>
      total === 1 ? t('paginationOfOnePage', 'of 1 page') : t('paginationOfPages', 'of {{total}} pages', { total });
    return {
      backwardText: t('previousPage', 'Previous page'),
      forwardText: t('nextPage', 'Next page'),
      itemsPerPageText: t('itemsPerPage', 'Items per page:'),
      itemRangeText: (min, max, total) =>
        t('paginationItemRange', '{{min}}–{{max}} of {{total}} items', { min, max, total }),
      itemText: (min, max) => t('paginationItems', '{{min}}–{{max}} items', { min, max }),
      pageRangeText: (_current, total) => ofPages(total),
      pageSelectLabelText: (total) => `${t('paginationPage', 'Page')} ${ofPages(total)}`,
      pageText: (page) => t('paginationPageNumber', 'page {{page}}', { page }),
    };
  }, [t]);
}
