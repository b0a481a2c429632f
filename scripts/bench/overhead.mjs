// Benchmark section: what one step costs through Zapier's handler, against a raw fetch of the same
// request and against a minimal one-action Zapier app making it with plain z.request.
import zapier from 'zapier-platform-core';
import App from '../../dist/index.js';
import { median, ms, range, spread, times, verdict } from './stats.mjs';

const REPEATS = 5;
const RUNS = 200;
const body = (id) => ({ metadata: { source: 'ZAPIER' }, id, name: 'Bench client' });

/** A competitor's app: one create, plain z.request, no validation, no error mapping. */
const minimalApp = (baseUrl) => ({
  version: '1.0.0',
  platformVersion: zapier.version,
  creates: {
    create_client: {
      key: 'create_client',
      noun: 'Client',
      display: { label: 'Create Client', description: 'Creates a client.' },
      operation: {
        inputFields: [{ key: 'id' }, { key: 'name' }],
        perform: async (z, bundle) =>
          (await z.request({ url: `${baseUrl}/v2/integrations/clients`, method: 'POST', headers: { Authorization: `Bearer ${bundle.authData.access_token}` }, body: body(bundle.inputData.id) })).data,
        sample: { id: 1 },
      },
    },
  },
});

export const overheadSection = async (sandbox, rawFetch) => {
  await sandbox.reset();
  const app = zapier.createAppHandler(App);
  const minimal = zapier.createAppHandler(minimalApp(sandbox.url));
  let serial = 0;
  const handle = (handler) => async () => {
    const id = `B-${serial++}`;
    await handler({
      command: 'execute',
      method: 'creates.create_client.operation.perform',
      bundle: { authData: sandbox.authData, inputData: { source: 'ZAPIER', id, name: 'Bench client' }, meta: {} },
    });
  };
  const fetchRaw = async () => {
    const response = await rawFetch(`${sandbox.url}/v2/integrations/clients`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${sandbox.authData.access_token}`, 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body(`F-${serial++}`)),
    });
    await response.json();
  };
  const variants = { fetch: fetchRaw, app: handle(app), minimal: handle(minimal) };
  const medians = { fetch: [], app: [], minimal: [] };
  for (let repeat = 0; repeat < REPEATS; repeat++) {
    const samples = { fetch: [], app: [], minimal: [] };
    for (let i = 0; i < RUNS + 20; i++) {
      for (const [name, run] of Object.entries(variants)) {
        const start = performance.now();
        await run();
        if (i >= 20) samples[name].push(performance.now() - start);
      }
    }
    for (const name of Object.keys(samples)) medians[name].push(median(samples[name]));
  }
  const ratios = (a, b) => medians[a].map((x, i) => x / medians[b][i]);
  const vsMinimal = ratios('app', 'minimal');
  return {
    vsMinimal: median(vsMinimal),
    lines: [
      "## 2. One step: Create Client through Zapier's handler",
      '',
      `The same request to the sandbox (its own process) on loopback: ${REPEATS} repeats of ${RUNS} runs each, after 20 warm-up runs, the three interleaved. The raw fetch is Node's own, taken before any Zapier handler ran (the handler replaces global.fetch with a logging wrapper). Figures are the median of the repeats' medians, with their range.`,
      '',
      '| path | median (range) | ratio to raw fetch | ratio to the minimal app | target |',
      '|---|---|---|---|---|',
      `| raw \`fetch\` of the same request | ${ms(median(medians.fetch))} (${range(medians.fetch).map(ms).join('–')}) | 1.00× | | |`,
      `| a minimal app: one create, plain \`z.request\`, no validation | ${ms(median(medians.minimal))} (${range(medians.minimal).map(ms).join('–')}) | ${spread(ratios('minimal', 'fetch'))} | 1.00× | |`,
      `| this app (${Object.keys(App.creates).length} creates, ${Object.keys(App.triggers).length} triggers, ${Object.keys(App.searches).length} searches) | ${ms(median(medians.app))} (${range(medians.app).map(ms).join('–')}) | ${spread(ratios('app', 'fetch'))} | ${spread(vsMinimal)} | ${verdict(median(vsMinimal), 4)} (vs minimal) |`,
      '',
      `What remains is Zapier's: its handler copies and freezes the whole definition twice per run (\`prepareApp\`), so a step costs more the more actions an app has; this app keeps its definition lean (choices as objects, short help) and skips core's per-request merge (\`merge: false\`). ${times(median(vsMinimal))} the minimal app.`,
    ],
  };
};
