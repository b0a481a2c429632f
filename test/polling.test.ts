/**
 * Triggers never miss or repeat an event, whatever order COR lists in. Every visible trigger
 * polls the sandbox (over loopback, no nock) holding SIZE records (400; POLL_SIZE=2000 for the soak),
 * listed oldest first, then newest first. Zapier's dedupe is emulated: the poll that turns the Zap
 * on seeds it, and a later poll fires each item whose primary key it has not seen (at most 100 a poll). Between polls,
 * 1, 10, 49, 60 and 100 records are created or changed, at the oldest, middle and newest
 * records; every one of them must fire, and nothing else.
 */
import { createRunner, type Runner } from '../sandbox/zapier-runner.js';
import { triggerKey } from '../src/reading/triggers.js';
import { triggerSpecs } from '../triggers/index.js';
import { COUNTS, dedupe, listFor, ORDERS, SIZE, spread } from './support/polling.js';
import { useSandbox } from './support/sandbox.js';

const local = useSandbox();
const table: string[] = [];
afterAll(() => {
  process.stdout.write(
    `\nTriggers on ${SIZE} records, ${COUNTS.join(', ')} new or changed between polls:\n| trigger | order | caught | missed | fired falsely | requests to seed | requests per poll |\n|---|---|---|---|---|---|---|\n${table.join('\n')}\n`,
  );
});

describe.each(ORDERS)('COR lists %s', (order) => {
  let runner: Runner;
  beforeAll(async () => {
    runner = createRunner(local.sandbox.credentials);
    await runner.connect();
  });

  it.each(triggerSpecs.map((t) => [triggerKey(t), t] as const))('%s fires every new or changed record once, and nothing else', async (key, spec) => {
    const { control } = local.sandbox;
    control.reset();
    control.lists.order = order;
    await runner.connect();
    const { kind, input, add } = listFor(control, spec.path);
    add(SIZE);
    const zap = dedupe(key);
    const before = control.requests.length;
    zap.seed(await runner.trigger(key, input, { isPopulatingDedupe: true }));
    const seedRequests = control.requests.length - before;
    const tally = { caught: 0, missed: 0, falsely: 0, requests: [] as number[] };
    // A status runs through four values, and a trigger keyed by it fires once for each: those records change once each.
    const touched = new Set<number>();
    const byStatus = spec.read === 'scan' && (kind === 'tasks' || kind === 'hours');
    for (const count of COUNTS) {
      control.tick(60_000);
      const ids = control.ids(kind).filter((id) => !(byStatus && touched.has(id)));
      const isNew = spec.read === 'newest' || key === 'new_leave';
      // New triggers see created records (and must ignore changed ones); Updated triggers see changes.
      const changed = spread(ids, isNew ? 3 : count);
      for (const id of changed) touched.add(id);
      control.touch(kind, changed);
      const expected = isNew ? add(count, 1000).map((r) => r.id) : changed;
      const start = control.requests.length;
      const fired = zap.poll(await runner.trigger(key, input)).map((item) => Number(item.cor_id));
      tally.requests.push(control.requests.length - start);
      tally.caught += expected.filter((id) => fired.includes(id)).length;
      tally.missed += expected.filter((id) => !fired.includes(id)).length;
      tally.falsely += fired.filter((id) => !expected.includes(id)).length;
    }
    table.push(`| ${spec.label} | ${order} | ${tally.caught} | ${tally.missed} | ${tally.falsely} | ${seedRequests} | ${Math.min(...tally.requests)}–${Math.max(...tally.requests)} |`);
    expect(tally).toMatchObject({ caught: COUNTS.reduce((a, b) => a + b, 0), missed: 0, falsely: 0 });
  });

  it.each(['new_brand', 'new_product', 'task_status_changed', 'updated_task', 'time_entry_status_changed', 'new_file_on_task', 'new_file_in_project'])(
    'supports Transfer on %s: pages 0, 1, … hold every record once',
    async (key) => {
      const { control } = local.sandbox;
      control.reset();
      control.lists.order = order;
      await runner.connect();
      const { kind, input, add } = listFor(control, triggerSpecs.find((t) => triggerKey(t) === key)!.path);
      add(250);
      const pages: number[][] = [];
      for (let page = 0; pages.at(-1)?.length !== 0; page++) pages.push((await runner.trigger(key, input, { isBulkRead: true, page })).map((item) => Number(item.cor_id)));
      expect(pages.flat().sort((a, b) => a - b)).toEqual(control.ids(kind));
    },
  );

  it('supports Transfer: pages 0, 1, … hold every record once, newest first, and a page asked again is the same', async () => {
    const { control } = local.sandbox;
    control.reset();
    control.lists.order = order;
    await runner.connect();
    control.addRecords('projects', SIZE);
    const pages: number[][] = [];
    for (let page = 0; pages.at(-1)?.length !== 0; page++) {
      pages.push((await runner.trigger('new_project', {}, { isBulkRead: true, page })).map((item) => Number(item.cor_id)));
    }
    const all = pages.flat();
    expect(all).toEqual(control.ids('projects').reverse());
    const middle = Math.floor(pages.length / 2);
    expect(middle).toBeGreaterThan(1);
    expect((await runner.trigger('new_project', {}, { isBulkRead: true, page: middle })).map((item) => Number(item.cor_id))).toEqual(pages[middle]);
  });
});
