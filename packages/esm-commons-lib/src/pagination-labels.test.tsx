import { Pagination } from '@carbon/react';
import { render, screen } from '@testing-library/react';
import { usePaginationLabels } from './pagination-labels';

// Carbon writes its own English unless given every text: each one must come through t(). This t()
// shows the key and the values it was given, so Carbon's English cannot pass for a translation.
jest.mock('react-i18next', () => {
  const t = (key: string, _default: string, values: Record<string, unknown> = {}) =>
    [key, ...['min', 'max', 'total', 'page'].filter((v) => v in values).map((v) => values[v])].join(' ');
  return { useTranslation: () => ({ t }) };
});

function Paged({ totalItems, page = 1 }: { totalItems: number; page?: number }) {
  const labels = usePaginationLabels();
  return <Pagination {...labels} page={page} pageSize={10} pageSizes={[10, 20]} totalItems={totalItems} />;
}

test('the range, the page count, the page select and the buttons are all translated', () => {
  render(<Paged totalItems={35} page={2} />);
  expect(screen.getByText('itemsPerPage')).toBeInTheDocument();
  expect(screen.getByText('paginationItemRange 11 20 35')).toBeInTheDocument();
  expect(screen.getByText('paginationOfPages 4')).toBeInTheDocument();
  expect(screen.getByRole('button', { name: 'previousPage' })).toBeInTheDocument();
  expect(screen.getByRole('button', { name: 'nextPage' })).toBeInTheDocument();
  expect(screen.getByLabelText('paginationPage paginationOfPages 4')).toBeInTheDocument();
  expect(document.body.textContent).not.toMatch(/Items per page|of \d+ (items|pages?)/);
});

test('one page is said in the singular', () => {
  render(<Paged totalItems={7} />);
  expect(screen.getByText('paginationItemRange 1 7 7')).toBeInTheDocument();
  expect(screen.getByText('paginationOfOnePage')).toBeInTheDocument();
});
