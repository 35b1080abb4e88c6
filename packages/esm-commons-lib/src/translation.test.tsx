import path from 'node:path';
import { render, screen } from '@testing-library/react';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { useTranslation } from './translation';

// The real react-i18next (by its file: the preset maps the package name to a mock) and i18next, as the
// app shell sets them up (i18next's default: values escaped for HTML).
jest.mock('react-i18next', () =>
  jest.requireActual(
    jest
      .requireActual<typeof path>('node:path')
      .resolve(__dirname, '../../../node_modules/react-i18next/dist/commonjs/index.js'),
  ),
);

beforeAll(async () => {
  await i18next.use(initReactI18next).init({ lng: 'pt', fallbackLng: 'en', resources: {} });
});

function Line({ values }: { values: Record<string, string> }) {
  const { t } = useTranslation();
  return (
    <>
      <p>{t('pickup', 'NID {{nid}} of {{name}}: {{source}}', values)}</p>
      <p>{t('noValues', 'No values')}</p>
    </>
  );
}

test('values are shown as typed: React escapes them once, i18next does not a second time', () => {
  render(<Line values={{ nid: '0111030701/2019/00001', name: "Ana D'Almeida", source: 'plano "iniciar" <FILA>' }} />);
  expect(screen.getByText(`NID 0111030701/2019/00001 of Ana D'Almeida: plano "iniciar" <FILA>`)).toBeInTheDocument();
  expect(screen.getByText('No values')).toBeInTheDocument();
  expect(document.body.innerHTML).not.toMatch(/&amp;#|&#x2F;|&amp;quot;/);
});

test('without the wrapper i18next would have escaped them (what the wrapper is for)', () => {
  expect(i18next.t('x', { defaultValue: '{{v}}', v: 'a/b' })).toBe('a&#x2F;b');
});
