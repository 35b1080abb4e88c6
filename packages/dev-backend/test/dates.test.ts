import { parseRestDate, restDate } from '../src/dates';

// Request dates as OpenMRS's ConversionUtil takes them, stored as facility-local DATETIME (+02:00).

test('date-only forms, with or without zero padding', () => {
  expect(parseRestDate('1991-03-14')).toBe('1991-03-14 00:00:00');
  expect(parseRestDate('1991-3-14')).toBe('1991-03-14 00:00:00');
  expect(parseRestDate('2024-2-9')).toBe('2024-02-09 00:00:00');
});

test('date-times: local, with a zone (converted to Maputo time), with a space', () => {
  expect(parseRestDate('2025-06-30T10:15:00')).toBe('2025-06-30 10:15:00');
  expect(parseRestDate('2025-06-30 10:15:00')).toBe('2025-06-30 10:15:00');
  expect(parseRestDate('2025-06-30T08:15:00.000Z')).toBe('2025-06-30 10:15:00');
  expect(parseRestDate('2025-06-30T10:15:00.000+0200')).toBe('2025-06-30 10:15:00');
  expect(parseRestDate('2025-06-30T23:30:00.000+00:00')).toBe('2025-07-01 01:30:00');
});

test('not dates: out-of-range fields, other layouts, junk', () => {
  for (const text of ['1991-13-01', '1991-02-30', '2025-06-30T25:00:00', '14/03/1991', '1991-3', '', "1' OR 1=1"]) {
    expect(parseRestDate(text)).toBeUndefined();
  }
});

test('stored values are answered in the REST format', () => {
  expect(restDate('1991-03-14 00:00:00')).toBe('1991-03-14T00:00:00.000+0200');
  expect(restDate(null)).toBeNull();
});
