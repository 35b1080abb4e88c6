// react-i18next for component tests: t() gives the English default written in the code, with {{values}}
// filled in, as the app shows it before a catalogue loads. The catalogues are checked by their own tests.
// Values are escaped as i18next escapes them by default, so a test sees what a user would.
const actual = jest.requireActual('react-i18next');

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '/': '&#x2F;' };
const escape = (value) => String(value).replace(/[&<>"'/]/g, (c) => ESCAPES[c]);

function t(key, defaultValue, options) {
  const values = typeof defaultValue === 'object' ? defaultValue : (options ?? {});
  const text = typeof defaultValue === 'string' ? defaultValue : (values.defaultValue ?? key);
  const format = values.interpolation?.escapeValue === false ? String : escape;
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (match, name) => (name in values ? format(values[name]) : match));
}

module.exports = { ...actual, useTranslation: () => ({ t, i18n: { language: 'en' } }) };
