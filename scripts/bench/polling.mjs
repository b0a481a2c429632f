import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { readZapierError } from '../../.tools/sandbox/zapier-error.js';
// Benchmark section: what one poll costs (requests, bytes, time) as COR lists grow, in both list
// orders, and how large an account "Updated Project" covers in 20 s when COR takes 400 ms a page.
const SIZES = [100, 1000, 10000, 50000];
const COR_PAGE_MS = 400;
const kB = (bytes) => `${(bytes / 1000).toFixed(0)} kB`;

/** One poll of `trigger` over `size` projects: requests, answer bytes, seconds. */
const measurePoll = async (sandbox, run, { size, order, trigger, meta = {}, latencyMs = 0 }) => {
  await sandbox.reset();
  run.forgetMarks();
  await sandbox.settings({ order, latencyMs });
  await sandbox.addRecords('projects', size);
  const before = await sandbox.stats();
  const start = performance.now();
  let outcome = 'ok';
  try {
    await run(`triggers.${trigger}.operation.perform`, {}, meta);
  } catch (error) {
    outcome = readZapierError(error).code ?? error.name;
  }
  const seconds = (performance.now() - start) / 1000;
  const after = await sandbox.stats();
  await sandbox.settings({ latencyMs: 0 });
  return { requests: after.requests - before.requests, bytes: after.bytes - before.bytes, seconds, outcome };
};

/** One poll in a fresh process, as Zapier runs a step: its resident memory before and at its peak, in MB. */
const pollInFreshProcess = (sandbox, trigger, meta, nodeOptions = '') => {
  const script = fileURLToPath(new URL('./memory-poll.mjs', import.meta.url));
  const out = execFileSync(process.execPath, [script, trigger, JSON.stringify(sandbox.authData), JSON.stringify(meta)], { env: { ...process.env, ...sandbox.env, NODE_OPTIONS: nodeOptions } });
  return JSON.parse(String(out));
};
/** A heap limit the poll must live within: below it, what a poll holds; above it, garbage V8 has not collected yet. */
const HEAP_LIMIT = '--max-old-space-size=160';

/** Requests of one poll after `count` new projects, the Zap turned on first over 2,000. */
const burstPoll = async (sandbox, run, order, count) => {
  await sandbox.reset();
  run.forgetMarks();
  await sandbox.settings({ order, latencyMs: 0 });
  await sandbox.addRecords('projects', 2000);
  await run('triggers.new_project.operation.perform', {}, { isPopulatingDedupe: true });
  await sandbox.addRecords('projects', count);
  const before = (await sandbox.stats()).requests;
  const items = await run('triggers.new_project.operation.perform', {}, {});
  return { requests: (await sandbox.stats()).requests - before, returned: items.results.length };
};

const cell = (m) => (m.outcome === 'ok' ? `${m.requests} req, ${kB(m.bytes)}, ${m.seconds.toFixed(2)} s` : `${m.outcome} after ${m.requests} req`);

/** The polls measured as the list grows: label, trigger, list order, bundle meta. */
const GROWTH_POLLS = [
  ['New Project, oldest first', 'new_project', 'oldest-first', {}],
  ['New Project, newest first', 'new_project', 'newest-first', {}],
  ['New Project, turning the Zap on (oldest first)', 'new_project', 'oldest-first', { isPopulatingDedupe: true }],
  ['Updated Project (either order)', 'updated_project', 'oldest-first', {}],
];

/** The polls whose memory is measured (label, trigger, projects, bundle meta): COR's records can be large, pages of 15 MB (50 projects of 300,000 characters each). */
const MEMORY_POLLS = [
  ['Updated Project over 30 pages', 'updated_project', 1500, {}],
  ['New Project, turning the Zap on (10 pages)', 'new_project', 2000, { isPopulatingDedupe: true }],
];

/** A table row per poll of GROWTH_POLLS, a cell per size. */
const growthRows = async (sandbox, run) => {
  const rows = [];
  for (const [label, trigger, order, meta] of GROWTH_POLLS) {
    const cells = [];
    for (const size of SIZES) cells.push(cell(await measurePoll(sandbox, run, { size, order, trigger, meta })));
    rows.push(`| ${label} | ${cells.join(' | ')} |`);
  }
  return rows;
};

/** New Project after bursts of new projects, in both list orders. */
const burstPolls = async (sandbox, run) => {
  const measured = [];
  for (const order of ['oldest-first', 'newest-first']) {
    for (const count of [3, 150, 500]) measured.push({ order, count, ...(await burstPoll(sandbox, run, order, count)) });
  }
  return measured;
};

/** A table row per poll of MEMORY_POLLS: what it read, and its memory with the default heap and with a limited one. */
const memoryRows = async (sandbox) => {
  const rows = [];
  for (const [label, trigger, size, meta] of MEMORY_POLLS) {
    await sandbox.reset();
    await sandbox.settings({ order: 'oldest-first', itemPaddingChars: 300_000 });
    await sandbox.addRecords('projects', size);
    const before = await sandbox.stats();
    const used = pollInFreshProcess(sandbox, trigger, meta);
    const after = await sandbox.stats();
    const capped = pollInFreshProcess(sandbox, trigger, meta, HEAP_LIMIT);
    const verdict = (mb) => `${mb} MB ${mb < 300 ? '✅' : '❌'} ≤ 300 MB`;
    rows.push(`| ${label} | ${after.requests - before.requests} | ${((after.bytes - before.bytes) / 1e6).toFixed(0)} MB | ${used.before} MB | ${verdict(used.peak)} | ${verdict(capped.peak)} |`);
  }
  await sandbox.settings({ itemPaddingChars: 0 });
  await sandbox.reset();
  return rows;
};

/** The section's text, from what was measured. */
const pollingLines = ({ rows, covered, bursts, memory }) => [
  '## 3. Polling: one poll as the list grows',
  '',
  'Requests, answer bytes and time of one poll against the sandbox (answering at once), by the number of projects in COR. A normal poll returns the newest 100; turning a Zap on returns the newest 500.',
  '',
  `| trigger | ${SIZES.map((s) => `${s.toLocaleString('en')} projects`).join(' | ')} |`,
  `|---|${SIZES.map(() => '---').join('|')}|`,
  ...rows,
  '',
  `Updated Project reads every project (COR can neither sort nor filter projects by update time), at most 200 pages of 50, 5 at a time. With the sandbox answering each page in ${COR_PAGE_MS} ms, as a slow COR might, a poll over 10,000 projects took ${covered.seconds.toFixed(1)} s (${covered.requests} requests): inside the 20 s a trigger may spend.`,
  '',
  "A burst: New Project polled after 3, 150 or 500 projects were made since the last poll (2,000 before). A poll reads back to where the last one stopped (kept in Zapier's cache), so every new project fires; an ordinary poll reads no more than before.",
  '',
  '| list order | new projects | requests | projects returned |',
  '|---|---|---|---|',
  ...bursts.map((b) => `| ${b.order} | ${b.count} | ${b.requests} | ${b.returned} |`),
  '',
  'Peak resident memory of one poll over pages of 15 MB (50 projects of 300,000 characters each), run in a fresh Node process as Zapier runs a step. Items are cut to what the trigger outputs as each page arrives, and pages this large are read one at a time. Zapier stops a step at 450 MB. Core reads each answer as text and parses it twice (`data`, and the deprecated `json`), about 45 MB a page that V8 collects lazily: with the default heap the peak is garbage not yet collected; with the heap limited to 160 MB the same poll completes, so what it holds stays below that.',
  '',
  `| poll | requests | answers | memory with the app loaded | peak memory | peak memory, heap limited (\`${HEAP_LIMIT}\`) |`,
  '|---|---|---|---|---|---|',
  ...memory,
];

export const pollingSection = async (sandbox, run) => {
  const rows = await growthRows(sandbox, run);
  const covered = await measurePoll(sandbox, run, { size: 10000, order: 'oldest-first', trigger: 'updated_project', latencyMs: COR_PAGE_MS });
  const bursts = await burstPolls(sandbox, run);
  const memory = await memoryRows(sandbox);
  return pollingLines({ rows, covered, bursts, memory });
};
