import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '**/.data/**', '**/coverage/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // The hooks rules O3's own apps lint with: hooks called unconditionally, effects and memos that name
    // everything they read (a stale closure is the usual cause of a widget showing another patient's data).
    files: ['packages/esm-*/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    // i18next escapes interpolated values for HTML and React escapes them again ("&#x2F;" on screen):
    // our apps take the hook from esm-commons-lib, which turns the first off.
    files: ['packages/esm-*/src/**/*.{ts,tsx}'],
    ignores: ['packages/esm-commons-lib/src/translation.ts', '**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'react-i18next',
              importNames: ['useTranslation'],
              message: "Use useTranslation from '@poc-emr/esm-commons-lib' (values not escaped twice).",
            },
          ],
        },
      ],
    },
  },
  {
    // jest and tool configs are CommonJS.
    files: ['**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
