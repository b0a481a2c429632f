// The benchmark (npm run bench): our figures side by side with the limits, as ratios.
// Not a test: it prints a table and writes benchmarks/RESULTS.md with the machine it ran on.
// Needs the compiled app (dist/), the compiled sandbox (.tools/) and runs Node with --expose-gc.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AdmZip from 'adm-zip';
import zapier from 'zapier-platform-core';
import App from '../dist/index.js';
import { entities } from '../dist/creates/index.js';
import { exampleInput, upsertKey } from '../dist/src/actions.js';
import { operationKey } from '../dist/src/entity.js';
import { schemaFor } from '../dist/src/executor.js';
import { parseInput } from '../dist/src/schema.js';
import { searchSpecs } from '../dist/searches/index.js';
import { triggerSpecs } from '../dist/triggers/index.js';
import { createOf, entitiesInOrder, exampleId, linkedExample } from '../.tools/sandbox/examples.js';
import { createSandbox, sandboxEnv } from '../.tools/sandbox/server.js';
import { buildAppZip, buildZip } from './zip.mjs';
import { pollingSection } from './bench/polling.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const META = { isBulkRead: false, isFillingDynamicDropdown: false, isLoadingSample: false, isPopulatingDedupe: false, isTestingAuth: false, limit: -1, page: 0, timezone: null, inputFields: {} };
const sections = [];
const say = (line) => process.stdout.write(`${line}\n`);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];
const ms = (x) => `${x.toFixed(x < 10 ? 2 : 1)} ms`;
const ratio = (a, b) => `${(a / b).toFixed(2)}×`;
const verdict = (value, limit) => (value <= limit ? `✅ within ${limit}×` : `❌ over ${limit}×`);

/* ---------- a sandbox and the real Zapier handler ---------- */

const sandbox = createSandbox({ log: () => {} });
const baseUrl = await sandbox.listen();
Object.assign(process.env, sandboxEnv(baseUrl));
const tokenOf = async () => {
  const { api_key, client_secret } = sandbox.credentials;
  const response = await fetch(`${baseUrl}/v1/oauth/token?grant_type=client_credentials`, {
    method: 'POST',
    headers: { Authorization: `Basic ${Buffer.from(`${api_key}:${client_secret}`).toString('base64')}` },
  });
  return (await response.json()).access_token;
};
const authData = { ...sandbox.credentials, access_token: await tokenOf(), token_obtained_at: String(Date.now()) };
const handler = zapier.createAppHandler(App);
const run = (method, inputData) => handler({ command: 'execute', method, bundle: { authData, inputData, meta: META } });

/* ---------- 1. requests per step ---------- */

const inputOf = (entity, op) => linkedExample(entity, op, 'ZAPIER');

const requestRows = [];
const count = async (kind, key, method, input, note = '') => {
  const before = sandbox.control.requests.length;
  let outcome = 'ok';
  try {
    await run(method, input);
  } catch (error) {
    outcome = `failed: ${JSON.parse(error.message).message ?? error.message}`.slice(0, 120);
  }
  const requests = sandbox.control.requests.length - before;
  requestRows.push({ kind, key, requests, outcome, note });
};

for (const entity of entitiesInOrder) {
  const create = createOf(entity);
  if (create) await count('create', operationKey(entity, create), `creates.${operationKey(entity, create)}.operation.perform`, inputOf(entity, create));
}
for (const entity of entitiesInOrder) {
  for (const op of entity.operations.filter((o) => o.kind === 'update' || o.kind === 'action')) {
    const key = operationKey(entity, op);
    await count(op.kind, key, `creates.${key}.operation.perform`, inputOf(entity, op));
  }
  const create = createOf(entity);
  if (create && entity.operations.some((o) => o.kind === 'update')) {
    const key = upsertKey(entity);
    await count('upsert', key, `creates.${key}.operation.perform`, inputOf(entity, create), 'the external ID exists: create → duplicate → update');
    const fresh = { ...inputOf(entity, create), id: `${exampleId(entity.noun)}-new` };
    for (const f of create.fields) if (f.type === 'email') fresh[f.key] = `new-${fresh[f.key]}`; // COR refuses a second user with one e-mail
    await count('upsert', key, `creates.${key}.operation.perform`, fresh, 'a new external ID: create only');
    // Removed again, so that the deletes below are not refused for records that still depend on it.
    const remove = entity.operations.find((o) => o.kind === 'delete');
    if (remove) await run(`creates.${operationKey(entity, remove)}.operation.perform`, { ...inputOf(entity, remove), id: fresh.id });
  }
}
for (const entity of [...entitiesInOrder].reverse()) {
  for (const op of entity.operations.filter((o) => o.kind === 'delete')) {
    const key = operationKey(entity, op);
    await count('delete', key, `creates.${key}.operation.perform`, inputOf(entity, op));
  }
}
// Enough projects for two pages, so that triggers show what a long list costs.
for (let i = 0; i < 55; i++) await run('creates.create_project.operation.perform', { source: 'SAP', id: `BENCH-${i}`, name: `Bench ${i}` });
const someUser = sandbox.control.entities('ZAPIER', 'users')[0] ?? sandbox.control.entities('SAP', 'users')[0];
for (const spec of triggerSpecs) {
  const input = spec.key === 'new_leave' ? { user_id: String(someUser?.corId ?? 1) } : {};
  const pages = spec.path === '/projects' ? 'the list has 2 pages, oldest first: page 1 shows the order, the last page holds the newest' : 'the list fits one page';
  await count('trigger', spec.key, `triggers.${spec.key}.operation.perform`, input, pages);
}
for (const spec of searchSpecs) await count('search', spec.key, `searches.${spec.key}.operation.perform`, { name: 'a' });

const overLimit = requestRows.filter((r) => ['create', 'update', 'delete', 'action', 'search'].includes(r.kind) && r.requests > 1);
const failed = requestRows.filter((r) => r.outcome !== 'ok');
sections.push([
  '## 1. Requests per step (token already obtained)',
  '',
  `${requestRows.length} runs over every visible action, trigger and search, in dependency order against the sandbox. Limit: 1 for every create, update, delete and search.`,
  '',
  '| kind | step | requests | outcome | note |',
  '|---|---|---|---|---|',
  ...requestRows.map((r) => `| ${r.kind} | ${r.key} | ${r.requests} | ${r.outcome} | ${r.note} |`),
  '',
  `Over the limit of 1 among creates, updates, deletes, actions and searches: ${overLimit.length ? overLimit.map((r) => r.key).join(', ') : 'none'}. ` +
    `More than one request: "Create or Update" on an existing external ID (2: the create is refused as a duplicate, then the update), and the project triggers on a list longer than one page (2). ` +
    `Steps that failed: ${failed.length ? failed.map((r) => `${r.key} (${r.outcome})`).join('; ') : 'none'}.`,
]);
say(sections.at(-1).join('\n'));

sections.push(await pollingSection());
say(sections.at(-1).join('\n'));
Object.assign(process.env, sandboxEnv(baseUrl));

/* ---------- 3. per-action overhead: the Zapier handler against a raw fetch ---------- */

const N = 400;
const WARM = 50;
let serial = 0;
const clientBody = (id) => ({ metadata: { source: 'ZAPIER' }, id, name: 'Bench client' });
const viaHandler = async () => {
  const id = `H-${serial++}`;
  const t = performance.now();
  await run('creates.create_client.operation.perform', { source: 'ZAPIER', id, name: 'Bench client' });
  return performance.now() - t;
};
const viaFetch = async () => {
  const id = `F-${serial++}`;
  const t = performance.now();
  const response = await fetch(`${baseUrl}/v2/integrations/clients`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${authData.access_token}`, 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(clientBody(id)),
  });
  await response.json();
  return performance.now() - t;
};
const oneStep = zapier.createAppHandler({ ...App, triggers: {}, searches: {}, searchOrCreates: {}, creates: { create_client: App.creates.create_client } });
const viaOneStepApp = async () => {
  const id = `O-${serial++}`;
  const t = performance.now();
  await oneStep({ command: 'execute', method: 'creates.create_client.operation.perform', bundle: { authData, inputData: { source: 'ZAPIER', id, name: 'Bench client' }, meta: META } });
  return performance.now() - t;
};
const timings = { handler: [], fetch: [], oneStep: [] };
for (let i = 0; i < WARM; i++) {
  await viaHandler();
  await viaFetch();
  await viaOneStepApp();
}
for (let i = 0; i < N; i++) {
  timings.handler.push(await viaHandler());
  timings.fetch.push(await viaFetch());
  timings.oneStep.push(await viaOneStepApp());
}
const handlerRatio = median(timings.handler) / median(timings.fetch);
sections.push([
  '## 3. Per-action overhead: Create Client through the Zapier handler vs a raw fetch',
  '',
  `Same request to the same sandbox on loopback, ${N} runs each after ${WARM} warm-up runs, interleaved.`,
  '',
  '| path | median | p95 | ratio to raw fetch (median) | target |',
  '|---|---|---|---|---|',
  `| raw \`fetch\` of the same request | ${ms(median(timings.fetch))} | ${ms(p95(timings.fetch))} | 1.00× | |`,
  `| the app through \`createAppHandler\` (Zapier's Lambda handler) | ${ms(median(timings.handler))} | ${ms(p95(timings.handler))} | ${ratio(median(timings.handler), median(timings.fetch))} | ${verdict(handlerRatio, 1.3)} |`,
  `| the same handler, app reduced to this one action | ${ms(median(timings.oneStep))} | ${ms(p95(timings.oneStep))} | ${ratio(median(timings.oneStep), median(timings.fetch))} | (diagnostic) |`,
]);
say(sections.at(-1).join('\n'));

/* ---------- 5. validation cost ---------- */

const projects = entities.find((e) => e.key === 'project');
const createProject = createOf(projects);
const full = exampleInput(createProject);
const bad = { ...full, start: '31/12/2026', end: '2026-02-30', billable: 'maybe', estimated_time: 'ten' };
const perCall = (fn, calls = 20000) => {
  for (let i = 0; i < 1000; i++) fn();
  const samples = [];
  for (let round = 0; round < 7; round++) {
    const t = performance.now();
    for (let i = 0; i < calls / 7; i++) fn();
    samples.push(((performance.now() - t) * 1000) / (calls / 7));
  }
  return median(samples);
};
const projectSchema = await schemaFor(createProject); // as a step validates: zod schema over the field checks
const validUs = perCall(() => parseInput(projectSchema, full));
const invalidUs = perCall(() => {
  try {
    parseInput(projectSchema, bad);
  } catch {
    // expected: four bad fields
  }
});
sections.push([
  `## 5. Validation cost: Create Project (the largest action, ${createProject.fields.length + 1} fields)`,
  '',
  '| input | per call |',
  '|---|---|',
  `| every field filled, valid | ${validUs.toFixed(1)} µs |`,
  `| four bad fields (reported together) | ${invalidUs.toFixed(1)} µs |`,
]);
say(sections.at(-1).join('\n'));

/* ---------- memory: retained heap across many runs ---------- */

globalThis.gc?.();
const heapBefore = process.memoryUsage().heapUsed;
for (let i = 0; i < 1000; i++) await run('creates.create_client.operation.perform', { source: 'OKTA', id: `M-${i}`, name: 'Memory' });
globalThis.gc?.();
const heapAfter = process.memoryUsage().heapUsed;
const storedKb = (sandbox.control.entities('OKTA', 'clients').length * 0.5).toFixed(0);
sections.push([
  '## Memory: retained heap over 1,000 runs of Create Client',
  '',
  `Heap after a full GC: ${(heapBefore / 1e6).toFixed(1)} MB before, ${(heapAfter / 1e6).toFixed(1)} MB after (${((heapAfter - heapBefore) / 1e6).toFixed(1)} MB, which includes the sandbox's 1,000 new clients and its request log, ~${storedKb} kB and more). ${globalThis.gc ? '' : '(run with --expose-gc for exact figures)'}`,
]);
say(sections.at(-1).join('\n'));
await sandbox.close();

/* ---------- 2. cold start, 4. build size ---------- */

const nodeBin = process.execPath;
/** Milliseconds the given imports take in a fresh Node process (started already). */
const importTime = (cwd, specifiers) => {
  const imports = specifiers.map((s) => `await import(${JSON.stringify(s)});`).join(' ');
  const script = `const t = performance.now(); ${imports} process.stdout.write(String(performance.now() - t));`;
  return Number(execFileSync(nodeBin, ['--input-type=module', '-e', script], { cwd, env: { ...process.env, NODE_ENV: 'production' } }).toString());
};
const coldStart = (cwd, targets, runs = 25) => {
  const samples = Object.fromEntries(Object.keys(targets).map((k) => [k, []]));
  for (let i = 0; i < runs; i++) for (const [name, specifiers] of Object.entries(targets)) samples[name].push(importTime(cwd, [specifiers].flat()));
  return Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));
};

const appZip = buildAppZip();
const emptyZip = buildZip({
  from: root,
  lockfile: false,
  files: [
    { path: 'index.js', content: "import zapier from 'zapier-platform-core';\nexport default { version: '1.0.0', platformVersion: zapier.version, triggers: {}, searches: {}, creates: {} };\n" },
    '.zapierapprc',
  ],
  packageJson: { name: 'empty-zapier-app', version: '1.0.0', type: 'module', exports: './index.js', main: './index.js', dependencies: { 'zapier-platform-core': '19.1.0' } },
});
const unpack = (zip) => {
  const dir = mkdtempSync(join(os.tmpdir(), 'cor-bench-zip-'));
  new AdmZip(zip).extractAllTo(dir, true);
  return dir;
};
const appDir = unpack(appZip.zip);
const sizes = {
  app: { bytes: statSync(appZip.zip).size, files: new AdmZip(appZip.zip).getEntries().length },
  empty: { bytes: statSync(emptyZip.zip).size, files: new AdmZip(emptyZip.zip).getEntries().length },
};

/** Compressed bytes per top-level part of a zip (a package under node_modules, or a file or folder). */
const parts = (zip) => {
  const bytes = {};
  for (const entry of new AdmZip(zip).getEntries()) {
    const p = entry.entryName.split('/');
    const name = p[0] === 'node_modules' ? (p[1].startsWith('@') ? `${p[1]}/${p[2]}` : p[1]) : p[0];
    bytes[name] = (bytes[name] ?? 0) + entry.header.compressedSize;
  }
  return bytes;
};
const emptyParts = parts(emptyZip.zip);
const added = Object.entries(parts(appZip.zip))
  .map(([name, bytes]) => [name, bytes - (emptyParts[name] ?? 0)])
  .filter(([, bytes]) => bytes > 2000)
  .sort((a, b) => b[1] - a[1]);

const repo = coldStart(root, { core: 'zapier-platform-core', zod: 'zod', app: './dist/index.js', appZod: ['./dist/index.js', 'zod'] });
const shipped = coldStart(appDir, { core: 'zapier-platform-core', app: './dist/index.js', appZod: ['./dist/index.js', 'zod'] });
sections.push([
  '## 2. Cold start: importing the app in a fresh Node process',
  '',
  'Time of the `import` itself (Node already started), median of 25 fresh processes each, interleaved. The floor is `zapier-platform-core` alone: the app imports it.',
  '',
  '| what is imported | in the repository | from the unpacked build.zip |',
  '|---|---|---|',
  `| \`zapier-platform-core\` alone (the floor) | ${ms(repo.core)} | ${ms(shipped.core)} |`,
  `| \`zod\` alone | ${ms(repo.zod)} | |`,
  `| the app (\`dist/index.js\`: core included; zod is imported on the first validation) | ${ms(repo.app)} | ${ms(shipped.app)} |`,
  `| **ratio app / floor** | ${ratio(repo.app, repo.core)} ${verdict(repo.app / repo.core, 1.15)} | ${ratio(shipped.app, shipped.core)} ${verdict(shipped.app / shipped.core, 1.15)} |`,
  `| the app and zod, as before a step's first validation | ${ms(repo.appZod)} (${ratio(repo.appZod, repo.core)}) | ${ms(shipped.appZod)} (${ratio(shipped.appZod, shipped.core)}) |`,
]);
say(sections.at(-1).join('\n'));

sections.push([
  '## 4. Build size: build.zip against an app with no actions, built the same way',
  '',
  'Both staged with production dependencies only and built by `zapier-platform build` (scripts/zip.mjs).',
  '',
  '| zip | bytes | files |',
  '|---|---|---|',
  `| an app with no actions (core only) | ${sizes.empty.bytes.toLocaleString('en')} | ${sizes.empty.files} |`,
  `| this app (${Object.keys(App.creates).length} creates, ${Object.keys(App.triggers).length} triggers, ${Object.keys(App.searches).length} searches) | ${sizes.app.bytes.toLocaleString('en')} | ${sizes.app.files} |`,
  `| ratio | ${ratio(sizes.app.bytes, sizes.empty.bytes)} ${verdict(sizes.app.bytes / sizes.empty.bytes, 1.2)} | ${ratio(sizes.app.files, sizes.empty.files)} |`,
  '',
  `What the app adds to the empty app's zip (compressed bytes): ${added.map(([name, bytes]) => `${name} ${bytes.toLocaleString('en')}`).join(', ')}.`,
]);
say(sections.at(-1).join('\n'));
for (const dir of [appDir, appZip.stage, emptyZip.stage]) rmSync(dir, { recursive: true, force: true });

/* ---------- the results file ---------- */

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const header = [
  '# Benchmark results',
  '',
  `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB RAM, ${os.type()} ${os.release()}, Node ${process.version}, zapier-platform-core ${zapier.version}.`,
  'Timings vary from run to run by a few percent; the ratios are what to compare.',
];
mkdirSync(join(root, 'benchmarks'), { recursive: true });
writeFileSync(join(root, 'benchmarks/RESULTS.md'), `${[header.join('\n'), ...sections.map((s) => s.join('\n'))].join('\n\n')}\n`);
say('\nWritten to benchmarks/RESULTS.md');
