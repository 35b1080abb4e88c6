import { monthNames, periodLabel } from './period';

test('whole months by name, in the session language', () => {
  expect(periodLabel({ startDate: '2026-11-01', endDate: '2026-11-30' }, 'pt')).toBe('Novembro de 2026');
  expect(periodLabel({ startDate: '2026-07-01', endDate: '2026-09-30' }, 'pt')).toBe('Julho – Setembro de 2026');
  expect(periodLabel({ startDate: '2025-12-01', endDate: '2026-02-28' }, 'pt')).toBe(
    'Dezembro de 2025 – Fevereiro de 2026',
  );
  expect(periodLabel({ startDate: '2026-02-01', endDate: '2026-02-28' }, 'en')).toBe('February 2026');
  expect(monthNames('pt')[10]).toBe('Novembro');
});

test('any other range by its days', () => {
  expect(periodLabel({ startDate: '2026-09-21', endDate: '2026-10-20' }, 'pt')).toBe('21/09/2026 – 20/10/2026');
  expect(periodLabel({ startDate: '2026-11-01', endDate: '2026-11-29' }, 'pt')).toBe('01/11/2026 – 29/11/2026');
});
