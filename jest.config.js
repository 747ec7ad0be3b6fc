/**
 * Tests are TypeScript, transpiled per file (`isolatedModules`), with ts-jest's diagnostics on, so a
 * test that does not parse fails. Type checking of the tests is `tsc -p tsconfig.test.json`, which
 * `npm test` runs first: once for the whole program, where ts-jest's language service would check
 * every test file's imports again in each worker and triple jest's time.
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json', diagnostics: true }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
};
