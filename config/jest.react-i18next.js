// react-i18next for component tests: t() gives the English default written in the code, with {{values}}
// filled in, as the app shows it before a catalogue loads. The catalogues are checked by their own tests.
const actual = jest.requireActual('react-i18next');

function t(key, defaultValue, options) {
  const values = typeof defaultValue === 'object' ? defaultValue : (options ?? {});
  const text = typeof defaultValue === 'string' ? defaultValue : (values.defaultValue ?? key);
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (match, name) => (name in values ? String(values[name]) : match));
}

module.exports = { ...actual, useTranslation: () => ({ t, i18n: { language: 'en' } }) };
