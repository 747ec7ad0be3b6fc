// ESLint (flat config): typescript-eslint's type-aware recommended rules over the TypeScript in src/
// and test/ (types from tsconfig.test.json), ESLint's recommended rules over the Node scripts.
const js = require('@eslint/js');
const globals = require('globals');
const tseslint = require('typescript-eslint');

/** The rules that follow an `any` through assignments, calls and returns. */
const anyRules = {
  '@typescript-eslint/no-explicit-any': 'off',
  '@typescript-eslint/no-unsafe-argument': 'off',
  '@typescript-eslint/no-unsafe-assignment': 'off',
  '@typescript-eslint/no-unsafe-call': 'off',
  '@typescript-eslint/no-unsafe-member-access': 'off',
  '@typescript-eslint/no-unsafe-return': 'off',
};

module.exports = tseslint.config(
  // A disable comment that no longer silences anything is an error, so none outlives its reason.
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  // Build output, synthesized YAML and the generated `imports/` (rewritten by `npm run import`).
  { ignores: ['lib/', 'dist/', 'imports/', 'coverage/', 'test-artifacts/', '.bench/'] },
  {
    files: ['**/*.js'],
    extends: [js.configs.recommended],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
  },
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { project: './tsconfig.test.json', tsconfigRootDir: __dirname },
    },
    rules: {
      // `_name` marks a parameter or destructured field that is deliberately unused.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    // Tests reach into parsed YAML and JSON documents (synthesized manifests, CLI output) whose shape
    // is exactly what their assertions check; typing each document first would restate the assertion.
    files: ['test/**/*.ts'],
    rules: anyRules,
  },
  {
    // The cluster module handles API server objects as plain JSON (`Json` in src/cluster/checks.ts).
    files: ['src/cluster/**/*.ts'],
    rules: anyRules,
  },
);
