// Benchmark section: what one poll costs (requests, bytes, time) as COR lists grow, in both list
// orders, and how large an account "Updated Project" covers in 20 s when COR takes 400 ms a page.
import { createSandbox, sandboxEnv } from '../../.tools/sandbox/server.js';
import { createRunner } from '../../.tools/sandbox/zapier-runner.js';

const SIZES = [100, 1000, 10000, 50000];
const COR_PAGE_MS = 400;

/** One poll of `trigger` against a sandbox holding `size` projects: requests, response bytes, seconds. */
const measurePoll = async ({ size, order, trigger, meta = {}, latencyMs = 0 }) => {
  const sandbox = createSandbox({ log: () => {}, listOrder: order, listLatencyMs: latencyMs });
  Object.assign(process.env, sandboxEnv(await sandbox.listen()));
  sandbox.control.addRecords('projects', size);
  const runner = createRunner(sandbox.credentials);
  await runner.connect();
  const before = sandbox.control.requests.length;
  const start = performance.now();
  let outcome = 'ok';
  try {
    await runner.trigger(trigger, {}, meta);
  } catch (error) {
    outcome = JSON.parse(error.message).code ?? error.name;
  }
  const seconds = (performance.now() - start) / 1000;
  const requests = sandbox.control.requests.slice(before);
  await sandbox.close();
  return { requests: requests.length, bytes: requests.reduce((sum, r) => sum + r.response.length, 0), seconds, outcome };
};

const kB = (bytes) => `${(bytes / 1000).toFixed(0)} kB`;
const cell = (m) => (m.outcome === 'ok' ? `${m.requests} req, ${kB(m.bytes)}, ${m.seconds.toFixed(2)} s` : `${m.outcome} after ${m.requests} req`);

export const pollingSection = async () => {
  const rows = [];
  for (const [label, trigger, order, meta] of [
    ['New Project, oldest first', 'new_project', 'oldest-first', {}],
    ['New Project, newest first', 'new_project', 'newest-first', {}],
    ['New Project, turning the Zap on (oldest first)', 'new_project', 'oldest-first', { isPopulatingDedupe: true }],
    ['Updated Project (either order)', 'updated_project', 'oldest-first', {}],
  ]) {
    const cells = [];
    for (const size of SIZES) cells.push(cell(await measurePoll({ size, order, trigger, meta })));
    rows.push(`| ${label} | ${cells.join(' | ')} |`);
  }
  const covered = await measurePoll({ size: 10000, order: 'oldest-first', trigger: 'updated_project', latencyMs: COR_PAGE_MS });
  return [
    '## Polling: one poll as the list grows',
    '',
    'Requests, response bytes and time of one poll against the sandbox (no latency), by the number of projects in COR. A normal poll returns the newest 100; turning a Zap on returns the newest 500.',
    '',
    `| trigger | ${SIZES.map((s) => `${s.toLocaleString('en')} projects`).join(' | ')} |`,
    `|---|${SIZES.map(() => '---').join('|')}|`,
    ...rows,
    '',
    `Updated Project reads every project (COR can neither sort nor filter projects by update time), at most 200 pages of 50. With the sandbox answering each page in ${COR_PAGE_MS} ms, as a slow COR might, a poll over 10,000 projects took ${covered.seconds.toFixed(1)} s (${covered.requests} requests, 5 at a time): inside the 20 s a trigger may spend.`,
  ];
};
