import { looksLikeNid, matchesFormat, normaliseNid } from './nid';

const NID_FORMAT = '[0-9]{10}/[0-9]{4}/[0-9]{5}';

test('restores the slashes a barcode scanner drops and reads other separators as slashes', () => {
  expect(normaliseNid('0111040701202600012')).toBe('0111040701/2026/00012');
  expect(normaliseNid(' 0111040701-2026-00012 ')).toBe('0111040701/2026/00012');
  expect(normaliseNid('0111040701 / 2026 / 00012')).toBe('0111040701/2026/00012');
  expect(normaliseNid('0111040701\\2026.00012')).toBe('0111040701/2026/00012');
  expect(normaliseNid('2026/00012')).toBe('2026/00012');
});

test('checks the whole identifier against the type format, as OpenMRS does', () => {
  expect(matchesFormat('0111040701/2026/00012', NID_FORMAT)).toBe(true);
  expect(matchesFormat('0111040701/2026/000123', NID_FORMAT)).toBe(false);
  expect(matchesFormat('x0111040701/2026/00012', NID_FORMAT)).toBe(false);
  expect(matchesFormat('123', NID_FORMAT)).toBe(false);
  expect(matchesFormat('anything', '')).toBe(true);
  expect(matchesFormat('123456789A', '[0-9]{9}[A-Z]{1}')).toBe(true);
});

test('tells NID-like search text from names', () => {
  expect(looksLikeNid('0111040701202600012')).toBe(true);
  expect(looksLikeNid('2026/00012')).toBe(true);
  expect(looksLikeNid('123')).toBe(false);
  expect(looksLikeNid('Maria')).toBe(false);
});
