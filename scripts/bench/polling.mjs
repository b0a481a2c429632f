// Benchmark section: what one poll costs (requests, bytes, time) as COR lists grow, in both list
// orders, and how large an account "Updated Project" covers in 20 s when COR takes 400 ms a page.
const SIZES = [100, 1000, 10000, 50000];
const COR_PAGE_MS = 400;
const kB = (bytes) => `${(bytes / 1000).toFixed(0)} kB`;

/** One poll of `trigger` over `size` projects: requests, answer bytes, seconds. */
const measurePoll = async (sandbox, run, { size, order, trigger, meta = {}, latencyMs = 0 }) => {
  await sandbox.reset();
  await sandbox.settings({ order, latencyMs });
  await sandbox.addRecords('projects', size);
  const before = await sandbox.stats();
  const start = performance.now();
  let outcome = 'ok';
  try {
    await run(`triggers.${trigger}.operation.perform`, {}, meta);
  } catch (error) {
    outcome = JSON.parse(error.message).code ?? error.name;
  }
  const seconds = (performance.now() - start) / 1000;
  const after = await sandbox.stats();
  await sandbox.settings({ latencyMs: 0 });
  return { requests: after.requests - before.requests, bytes: after.bytes - before.bytes, seconds, outcome };
};

const cell = (m) => (m.outcome === 'ok' ? `${m.requests} req, ${kB(m.bytes)}, ${m.seconds.toFixed(2)} s` : `${m.outcome} after ${m.requests} req`);

export const pollingSection = async (sandbox, run) => {
  const rows = [];
  for (const [label, trigger, order, meta] of [
    ['New Project, oldest first', 'new_project', 'oldest-first', {}],
    ['New Project, newest first', 'new_project', 'newest-first', {}],
    ['New Project, turning the Zap on (oldest first)', 'new_project', 'oldest-first', { isPopulatingDedupe: true }],
    ['Updated Project (either order)', 'updated_project', 'oldest-first', {}],
  ]) {
    const cells = [];
    for (const size of SIZES) cells.push(cell(await measurePoll(sandbox, run, { size, order, trigger, meta })));
    rows.push(`| ${label} | ${cells.join(' | ')} |`);
  }
  const covered = await measurePoll(sandbox, run, { size: 10000, order: 'oldest-first', trigger: 'updated_project', latencyMs: COR_PAGE_MS });
  await sandbox.reset();
  return [
    '## 3. Polling: one poll as the list grows',
    '',
    'Requests, answer bytes and time of one poll against the sandbox (answering at once), by the number of projects in COR. A normal poll returns the newest 100; turning a Zap on returns the newest 500.',
    '',
    `| trigger | ${SIZES.map((s) => `${s.toLocaleString('en')} projects`).join(' | ')} |`,
    `|---|${SIZES.map(() => '---').join('|')}|`,
    ...rows,
    '',
    `Updated Project reads every project (COR can neither sort nor filter projects by update time), at most 200 pages of 50, 5 at a time. With the sandbox answering each page in ${COR_PAGE_MS} ms, as a slow COR might, a poll over 10,000 projects took ${covered.seconds.toFixed(1)} s (${covered.requests} requests): inside the 20 s a trigger may spend.`,
  ];
};
