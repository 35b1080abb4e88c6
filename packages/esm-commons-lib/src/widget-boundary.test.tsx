import { fireEvent, render, screen } from '@testing-library/react';
import { reportError } from '@openmrs/esm-framework';
import { WidgetBoundary } from './widget-boundary.component';

let broken = false;
function Flaky() {
  if (broken) throw new TypeError("Cannot read properties of undefined (reading 'dead')");
  return <p>Results</p>;
}

beforeEach(() => {
  jest.mocked(reportError).mockImplementation(() => undefined);
  // React logs every caught render error; the test asserts on what the user sees instead.
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
});

test('a widget that throws is replaced by a message and a retry; its siblings stay', () => {
  broken = true;
  render(
    <>
      <h2>Registo</h2>
      <WidgetBoundary name="Search patient">
        <Flaky />
      </WidgetBoundary>
    </>,
  );
  expect(screen.getByText('Search patient failed')).toBeInTheDocument();
  expect(screen.getByRole('heading', { name: 'Registo' })).toBeInTheDocument();
  expect(reportError).toHaveBeenCalledWith(expect.objectContaining({ name: 'TypeError' }));

  broken = false;
  fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
  expect(screen.getByText('Results')).toBeInTheDocument();
  expect(screen.queryByText('Search patient failed')).not.toBeInTheDocument();
});
