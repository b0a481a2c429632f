// The benchmark (npm run bench): the app's figures beside Zapier's limits and a minimal competitor,
// section by section, each printed as it is measured and written to benchmarks/RESULTS.md with the
// machine and the date. Not a test. Needs dist/ and .tools/ (npm run bench builds both).
// The raw fetch is taken first: Zapier's handler replaces global.fetch with a logging wrapper.
const rawFetch = globalThis.fetch;
process.env.NODE_ENV = 'test'; // core prints a memory report after each run otherwise
// Core's logger scans the environment on every log line; Zapier's runtime has none of npm's variables.
for (const key of Object.keys(process.env)) if (key.startsWith('npm_')) delete process.env[key];

const { mkdirSync, writeFileSync } = await import('node:fs');
const os = (await import('node:os')).default;
const { join } = await import('node:path');
const { fileURLToPath } = await import('node:url');
const zapier = (await import('zapier-platform-core')).default;
const App = (await import('../dist/index.js')).default;
const { startSandbox } = await import('./bench/sandbox.mjs');
const { requestsSection } = await import('./bench/requests.mjs');
const { overheadSection } = await import('./bench/overhead.mjs');
const { pollingSection } = await import('./bench/polling.mjs');
const { startupSections } = await import('./bench/startup.mjs');
const { validationSection } = await import('./bench/validation.mjs');
const { filesSection } = await import('./bench/files.mjs');
const { loadBaseline } = await import('./bench/baseline.mjs');

const root = fileURLToPath(new URL('..', import.meta.url));
const sections = [];
const report = (lines) => {
  sections.push(lines);
  process.stdout.write(`${lines.join('\n')}\n\n`);
};

const sandbox = await startSandbox();
Object.assign(process.env, sandbox.env);
const handler = zapier.createAppHandler(App);
/** One Zap step through Zapier's own handler, with the sandbox's current token. */
// zcacheTestObj: Zapier's cache in memory, as its test harness keeps it (a trigger keeps where its last poll stopped there).
const zcacheTestObj = {};
const run = (method, inputData, meta = {}) => handler({ command: 'execute', method, bundle: { authData: sandbox.authData, inputData, meta }, zcacheTestObj });
/** A new Zap: no poll has left a mark yet (each measurement starts from an empty sandbox). */
run.forgetMarks = () => {
  for (const key of Object.keys(zcacheTestObj)) delete zcacheTestObj[key];
};

// BENCH_SECTIONS=overhead,startup runs only those (a quicker check while changing one thing).
const only = process.env.BENCH_SECTIONS?.split(',');
const wanted = (name) => !only || only.includes(name);
const baseline = wanted('overhead') ? await loadBaseline(root) : undefined;
try {
  // The step's cost first, while the process holds nothing but the apps (later sections grow the heap).
  if (wanted('overhead')) report((await overheadSection(sandbox, rawFetch, baseline)).lines);
  if (wanted('requests')) report(await requestsSection(sandbox, run));
  if (wanted('polling')) report(await pollingSection(sandbox, run));
  if (wanted('startup')) for (const lines of startupSections(root)) report(lines);
  if (wanted('validation')) report(await validationSection(sandbox, run));
  if (wanted('files')) report(await filesSection(sandbox, run, rawFetch));
} finally {
  sandbox.stop();
  baseline?.remove();
}

const header = [
  '# Benchmark results',
  '',
  `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)} on ${os.cpus()[0]?.model ?? 'an unknown CPU'}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB RAM, ${os.type()} ${os.release()}: Node ${process.version}, zapier-platform-core ${zapier.version}.`,
  'Timings vary from run to run; the ratios, measured side by side in one run, are what to compare.',
];
mkdirSync(join(root, 'benchmarks'), { recursive: true });
if (only) process.exit(0); // a partial run does not overwrite the results file
writeFileSync(join(root, 'benchmarks/RESULTS.md'), `${[header.join('\n'), ...sections.map((s) => s.join('\n'))].join('\n\n')}\n`);
process.stdout.write('Written to benchmarks/RESULTS.md\n');
