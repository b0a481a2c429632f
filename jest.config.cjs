/** Tests run as native ESM on the project's Node 22 (see README: "Why no ts-jest"). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  moduleFileExtensions: ['ts', 'js', 'cjs', 'mjs', 'json'],
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': '<rootDir>/test/support/strip-types-transform.cjs' },
  // Sources import './x.js' (NodeNext); in tests that file is still './x.ts'.
  moduleNameMapper: {
    '^\\./memory-checker$': '<rootDir>/test/support/no-memory-recycling.cjs',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  setupFilesAfterEnv: ["<rootDir>/test/support/setup.ts"],
  reporters: ["default", "<rootDir>/test/support/summary-reporter.cjs"],
  testTimeout: 20000,
};
