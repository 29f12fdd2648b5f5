import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/dist-test/**', '**/node_modules/**', 'network/.data/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-properties': ['error',
        { object: 'Math', property: 'random', message: 'Chaincode must be deterministic.' },
        { object: 'Date', property: 'now', message: 'Use the transaction timestamp in chaincode.' }],
    },
  },
  {
    files: ['gateway/**/*.ts', 'network/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts', 'console/**/*.ts', 'console/**/*.tsx'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly', fetch: 'readonly', performance: 'readonly', AbortSignal: 'readonly', AbortController: 'readonly', URL: 'readonly' } },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { process: 'readonly', require: 'readonly', module: 'writable' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // One public entry per package (docs/architecture.md): import @govchain/<package> or a subpath it exports.
    files: ['**/*.ts', '**/*.tsx', '**/*.mjs', '**/*.js'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{
        group: ['@govchain/*/dist', '@govchain/*/dist/*', '../*/dist/*', '../../*/dist/*'],
        message: 'Import the package entry (@govchain/<package>), not another package\'s build output; export what you need from it.',
      }] }],
    },
  },
);
