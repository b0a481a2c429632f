/** Tests run as native ESM on the project's Node 22 (see README: "Why no ts-jest"). */
const shared = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
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
};

/** The suites that run the app over HTTP against the sandbox on 127.0.0.1 (test/support/sandbox.ts). */
const SANDBOX_SUITES = ['e2e', 'polling', 'polling-moves', 'faults', 'verify', 'replay', 'concurrency', 'packaging', 'sandbox-writes', 'sandbox-files', 'file-round-trip'];
const names = SANDBOX_SUITES.join('|');

module.exports = {
  // Two cores: both busy. Most suites wait on loopback as much as they compute.
  maxWorkers: 2,
  // With coverage on, V8 keeps every script a worker compiled (each suite loads the app afresh): a worker grew to
  // 500 MB and was often too slow to exit ("failed to exit gracefully", 4 runs in 6). One past 400 MB is replaced.
  workerIdleMemoryLimit: '400MB',
  // The app's own code, as Zapier runs it: measured by V8 itself (no instrumentation pass), gated in npm test (--coverage).
  coverageProvider: 'v8',
  collectCoverageFrom: ['<rootDir>/index.ts', '<rootDir>/src/**/*.ts', '<rootDir>/creates/**/*.ts', '<rootDir>/triggers/**/*.ts', '<rootDir>/searches/**/*.ts'],
  coverageReporters: ['text-summary'],
  // Today's level rounded down (2026-12-05: statements 99.22 %, branches 92.26 %, functions 98.28 % of 409, where one
  // function is 0.24 points), so that code added untested shows. The same every run: the fuzz keeps one seed in npm test.
  coverageThreshold: { global: { statements: 99, lines: 99, branches: 92, functions: 98 } },
  testTimeout: 20000,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.cjs'],
  projects: [
    // nock answers for COR; any other host is refused.
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/test/*.test.ts'], testPathIgnorePatterns: [`/test/(${names})\\.test\\.ts$`], setupFilesAfterEnv: ['<rootDir>/test/support/setup.ts'] },
    // No nock: a POST through its interception waits 40 ms on loopback. A guard keeps the suites on this machine.
    { ...shared, displayName: 'sandbox', testMatch: [`<rootDir>/test/+(${names}).test.ts`], setupFilesAfterEnv: ['<rootDir>/test/support/loopback-only.ts'] },
  ],
};
