import { problemOf } from './problem';

test("a refusal's body gives the message, its code and the rest of the body", () => {
  const refusal = Object.assign(new Error('Server responded with 403'), {
    responseBody: { error: { code: 'no-facility', message: 'A localização da sua sessão não é…', run: { id: 7 } } },
  });
  expect(problemOf(refusal)).toEqual({
    message: 'A localização da sua sessão não é…',
    code: 'no-facility',
    body: { code: 'no-facility', message: 'A localização da sua sessão não é…', run: { id: 7 } },
  });
});

test("a failure with no body (the link down) gives the fetch's own message; no error gives nothing", () => {
  expect(problemOf(new TypeError('Failed to fetch'))).toEqual({ message: 'Failed to fetch', body: {} });
  expect(problemOf({ responseBody: { error: { message: '' } }, message: 'HTTP 500' })?.message).toBe('HTTP 500');
  expect(problemOf(undefined)).toBeUndefined();
  expect(problemOf(null)).toBeUndefined();
});
