/**
 * `npm run verify:live -- --confirm-test-company`: the live check against a real COR account.
 * It creates, changes and deletes records, so it runs only when told twice: with the flag, and
 * with a source system set aside for it. Environment:
 *   COR_API_KEY, COR_CLIENT_SECRET   the key pair of a COR test company (Settings › Integrations › API)
 *   COR_VERIFY_SOURCE                a source system that nothing else uses there (one of the 12, e.g. VBS)
 *   COR_VERIFY_FIXTURES              where the fixtures go (default: fixtures/live-<date>)
 *   COR_API_BASE_URL, COR_INTEGRATIONS_BASE_URL   another COR environment, if not production
 *   COR_VERIFY_RATES=1               also create an exchange rate (COR cannot delete rates)
 *   COR_VERIFY_FILE_URL              a small file anyone can download, for Upload File to Task (default: W3C's dummy PDF)
 */
process.env.NODE_ENV ??= 'test'; // core prints a memory report after each run otherwise
const { SOURCES } = await import('../src/request/config.js');
const { report, verifyLive } = await import('./verify.js');

const refuse = (why: string): never => {
  process.stderr.write(`verify:live did not run: ${why}\n`);
  process.exit(2);
};

const source = process.env.COR_VERIFY_SOURCE ?? '';
if (!process.argv.includes('--confirm-test-company')) refuse('it writes to COR. Run it against a test company, with --confirm-test-company.');
if (!process.env.COR_API_KEY || !process.env.COR_CLIENT_SECRET) refuse('set COR_API_KEY and COR_CLIENT_SECRET to the key pair of a COR test company.');
if (!SOURCES.some((s) => s.value === source)) refuse(`set COR_VERIFY_SOURCE to a source system nothing else uses in that company: one of ${SOURCES.map((s) => s.value).join(', ')}.`);

const fixturesDir = process.env.COR_VERIFY_FIXTURES ?? `fixtures/live-${new Date().toISOString().slice(0, 10)}`;
const checks = await verifyLive({
  credentials: { api_key: process.env.COR_API_KEY!, client_secret: process.env.COR_CLIENT_SECRET! },
  source,
  fixturesDir,
  withRates: process.env.COR_VERIFY_RATES === '1',
  // W3C's accessibility test files include this one-page PDF (13 kB), public for years.
  fileUrl: process.env.COR_VERIFY_FILE_URL ?? 'https://www.w3.org/WAI/ER/tests/xhtml/testfiles/resources/pdf/dummy.pdf',
});
process.stdout.write(`${report(checks)}\nFixtures (secrets blanked): ${fixturesDir}\n`);
process.exitCode = checks.every((c) => c.ok) ? 0 : 1;
