import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nonDeterministic = 'The simulation core must be deterministic: use the kernel clock and the seeded RNG.';

export default tseslint.config(
  { ignores: ['dist', 'dist-single', 'dist-e2e', 'node_modules', 'reports', 'test-results', 'playwright-report', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{js,mjs}'],
    ignores: ['vite-plugins/service-worker.js'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['vite-plugins/service-worker.js'],
    languageOptions: { globals: { ...globals.serviceworker } },
  },
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/sim/**/*.ts'],
    ignores: ['src/sim/**/*.test.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'setTimeout', message: nonDeterministic },
        { name: 'setInterval', message: nonDeterministic },
        { name: 'setImmediate', message: nonDeterministic },
        { name: 'requestAnimationFrame', message: nonDeterministic },
        { name: 'performance', message: nonDeterministic },
        { name: 'window', message: 'src/sim has no DOM.' },
        { name: 'document', message: 'src/sim has no DOM.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: nonDeterministic },
        { object: 'Date', property: 'now', message: nonDeterministic },
        { object: 'performance', property: 'now', message: nonDeterministic },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date']", message: nonDeterministic },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['react', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*', 'd3-selection', 'd3-zoom'], message: 'src/sim must stay free of UI libraries.' },
            { group: ['**/store/**', '**/features/**', '**/app/**'], message: 'src/sim must not import UI layers.' },
          ],
        },
      ],
    },
  },
);
