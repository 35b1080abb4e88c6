import { phoneticKey, soundsLike, spellingPrefixes } from './phonetic';

test.each([
  ['Machava', 'Matxava'],
  ['Cossa', 'Kossa'],
  ['Zandamela', 'Sandamela'],
  ['Guambe', 'Gwambe'],
  ['Mondlane', 'Mondhlane'],
  ['Quitéria', 'Kitéria'],
  ['Nhassengo', 'Nhasengo'],
  ['Chongo', 'Xongo'],
  ['Helena', 'Elena'],
  ['Luís', 'Luiz'],
])('%s sounds like %s', (a, b) => {
  expect(phoneticKey(a)).toBe(phoneticKey(b));
  expect(soundsLike(a, b)).toBe(1);
});

test('different names stay apart', () => {
  expect(soundsLike('Machava', 'Macuácua')).toBeLessThan(0.7);
  expect(soundsLike('Maria', 'Mário')).toBeLessThan(1);
  expect(soundsLike('Ana', 'Rosa')).toBeLessThan(0.5);
  // ge/gi is a j, gue/gui a hard g
  expect(phoneticKey('Gina')).not.toBe(phoneticKey('Guina'));
});

test('asks for every spelling of the opening sound', () => {
  expect(spellingPrefixes('Chongo')).toEqual(['cho', 'xon', 'txo']);
  expect(spellingPrefixes('Kossa')).toEqual(['kos', 'cos']);
  expect(spellingPrefixes('Quitéria')).toEqual(['qui', 'kit']);
  expect(spellingPrefixes('Helena')).toEqual(['hel', 'ele']);
  expect(spellingPrefixes('Orácio')).toEqual(['ora', 'hor']);
  expect(spellingPrefixes('Nhassengo')).toEqual(['nha']);
  expect(spellingPrefixes('Cecília')).toEqual(['cec', 'sec', 'zec']);
});
