import { fireEvent, render, screen } from '@testing-library/react';
import { OpenmrsDatePicker } from '@openmrs/esm-framework';
import { DateField, dateToIso, displayDate, isoToDate } from './date-field.component';

test('ISO dates and local dates convert both ways, at local midnight; nothing malformed gets through', () => {
  const date = isoToDate('2026-02-28') as Date;
  expect([date.getFullYear(), date.getMonth(), date.getDate(), date.getHours()]).toEqual([2026, 1, 28, 0]);
  expect(dateToIso(date)).toBe('2026-02-28');
  expect(dateToIso(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  for (const bad of ['', '28/02/2026', '2026-2-8', '2026-02-28T00:00', undefined]) expect(isoToDate(bad)).toBeNull();
  expect(dateToIso(null)).toBe('');
  expect(dateToIso(new Date('nope'))).toBe('');
});

test("the framework's date picker gets a Date and its bounds; a pick comes back as YYYY-MM-DD", () => {
  const onChange = jest.fn();
  render(
    <DateField
      id="birthdate"
      labelText="Data de nascimento"
      value="1991-03-14"
      min="1900-01-01"
      max="2026-12-07"
      onChange={onChange}
      invalid
      invalidText="Obrigatório"
    />,
  );
  const props = jest.mocked(OpenmrsDatePicker).mock.calls.at(-1)?.[0];
  expect(dateToIso(props?.value as Date)).toBe('1991-03-14');
  expect([dateToIso(props?.minDate as Date), dateToIso(props?.maxDate as Date)]).toEqual(['1900-01-01', '2026-12-07']);
  expect(screen.getByText('Obrigatório')).toBeInTheDocument();
  fireEvent.change(screen.getByLabelText('Data de nascimento'), { target: { value: '1991-04-02' } });
  expect(onChange).toHaveBeenLastCalledWith('1991-04-02');
});

test('dates are shown dd/mm/aaaa, from a date or a datetime; none as nothing, anything else as it is', () => {
  expect(displayDate('2026-12-09')).toBe('09/12/2026');
  expect(displayDate('2026-11-09T10:30:00.000+0200')).toBe('09/11/2026');
  for (const none of [undefined, null, '']) expect(displayDate(none)).toBe('');
  expect(displayDate('ontem')).toBe('ontem');
});

test('a warning, else a helper, is shown under a valid field; an invalid one shows only its error', () => {
  const field = (props: { invalid?: boolean; warnText?: string }) => (
    <DateField id="next" labelText="Próximo" value="2026-12-12" onChange={jest.fn()} helperText="30 dias" {...props} />
  );
  const { rerender } = render(field({}));
  expect(screen.getByText('30 dias')).toBeInTheDocument();
  rerender(field({ warnText: 'Fechado' }));
  expect([screen.queryByText('30 dias'), screen.getByText('Fechado')]).toEqual([null, expect.anything()]);
  rerender(field({ warnText: 'Fechado', invalid: true }));
  expect([screen.queryByText('30 dias'), screen.queryByText('Fechado')]).toEqual([null, null]);
});
