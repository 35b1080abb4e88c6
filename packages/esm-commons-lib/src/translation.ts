import { useMemo } from 'react';
import { useTranslation as useI18next } from 'react-i18next';

type Response = ReturnType<typeof useI18next>;

/**
 * react-i18next's hook with interpolated values left as they are. i18next escapes them for HTML, but React
 * escapes what it renders already, so an apostrophe in a name, a slash or a quote would show as `&#39;`,
 * `&#x2F;` or `&quot;`. Our apps take `useTranslation` from here, never from react-i18next.
 */
export function useTranslation(): Response {
  const response = useI18next();
  const { t } = response;
  return useMemo(() => {
    const plain = (key: string, ...rest: unknown[]) => {
      const last = rest.at(-1);
      const options = typeof last === 'object' && last !== null ? (last as Record<string, unknown>) : undefined;
      const interpolation = { ...(options?.interpolation as object), escapeValue: false };
      const args = options ? [...rest.slice(0, -1), { ...options, interpolation }] : [...rest, { interpolation }];
      return (t as unknown as (...a: unknown[]) => string)(key, ...args);
    };
    return Object.assign([plain, response.i18n, response.ready], {
      t: plain,
      i18n: response.i18n,
      ready: response.ready,
    }) as unknown as Response;
  }, [t, response.i18n, response.ready]);
}
