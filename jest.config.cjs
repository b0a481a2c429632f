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
    // The one stubbed internal of a dependency, unavoidable: core's memory checker exits a process
    // above 450 MB RSS after 250 runs (Lambda recycling). A jest worker starts near 300 MB by itself
    // (measured: 161 MB heap before the fuzz suite's first step, 19 MB in plain Node) and the fuzz
    // suite makes ~3,500 runs in one file, so it would be killed mid-suite. Why: no-memory-recycling.cjs.
    '^\\./memory-checker$': '<rootDir>/test/support/no-memory-recycling.cjs',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  setupFilesAfterEnv: ['<rootDir>/test/support/setup.ts'],
  reporters: ['default', '<rootDir>/test/support/summary-reporter.cjs'],
  testTimeout: 20000,
};
