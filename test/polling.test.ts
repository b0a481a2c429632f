/**
 * Triggers never miss or repeat an event, whatever order COR lists in. Every visible trigger
 * polls the sandbox (over loopback, no nock) holding 2,000 records listed oldest first, then
 * newest first. Zapier's dedupe is emulated: the poll that turns the Zap on seeds it, and a later
 * poll fires each item whose primary key it has not seen (at most 100 a poll). Between polls,
 * 1, 10, 49, 60 and 100 records are created or changed, at the oldest, middle and newest
 * records; every one of them must fire, and nothing else.
 */
import type { MainKind } from '../sandbox/main-api.js';
import { createRunner, type Runner } from '../sandbox/zapier-runner.js';
import { POLL_LIMIT } from '../src/reading/polling.js';
import { triggerKey } from '../src/reading/triggers.js';
import { triggerSpecs } from '../triggers/index.js';
import { App } from './support/harness.js';
import { useSandbox } from './support/sandbox.js';

const local = useSandbox();
const SIZE = 2000;
const COUNTS = [1, 10, 49, 60, 100];
const ORDERS = ['oldest-first', 'newest-first'] as const;
const USER = 8546; // the user whose leaves New Leave watches

const KIND: Record<string, MainKind> = { '/projects': 'projects', '/clients': 'clients', '/users': 'users', '/hours': 'hours', '/tasks': 'tasks', '/user/leaves': 'leaves' };

/** Zapier's dedupe table: the primary key of every item seen; a poll fires what is not in it. */
const dedupe = (key: string) => {
  const fields = (App.triggers[key]!.operation.outputFields as { key: string; primary?: boolean }[]).filter((f) => f.primary).map((f) => f.key);
  const keyOf = (item: Record<string, unknown>) => JSON.stringify((fields.length ? fields : ['id']).map((f) => item[f]));
  const seen = new Set<string>();
  return {
    seed: (items: Record<string, unknown>[]) => {
      for (const item of items) seen.add(keyOf(item));
    },
    poll: (items: Record<string, unknown>[]) => {
      const fresh = items.filter((item) => !seen.has(keyOf(item))).slice(0, POLL_LIMIT);
      for (const item of items) seen.add(keyOf(item));
      return fresh;
    },
  };
};

/** `count` COR IDs spread over the oldest, the middle and the newest of `ids`. */
const spread = (ids: number[], count: number): number[] => {
  const third = Math.ceil(count / 3);
  const middle = Math.floor(ids.length / 2);
  const picked = [...ids.slice(0, third), ...ids.slice(middle, middle + third), ...ids.slice(-(count - 2 * third) || ids.length)];
  return [...new Set(picked)].slice(0, count);
};

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
    const kind = KIND[spec.path]!;
    control.addRecords(kind, SIZE, USER);
    const input = key === 'new_leave' ? { user_id: String(USER) } : {};
    const zap = dedupe(key);
    const before = control.requests.length;
    zap.seed(await runner.trigger(key, input, { isPopulatingDedupe: true }));
    const seedRequests = control.requests.length - before;
    const tally = { caught: 0, missed: 0, falsely: 0, requests: [] as number[] };
    for (const count of COUNTS) {
      control.tick(60_000);
      const ids = control.ids(kind);
      const isNew = spec.read === 'newest' || key === 'new_leave';
      // New triggers see created records (and must ignore changed ones); Updated triggers see changes.
      const changed = spread(ids, isNew ? 3 : count);
      control.touch(kind, changed);
      const expected = isNew ? control.addRecords(kind, count, USER, 1000).map((r) => r.id) : changed;
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
    expect((await runner.trigger('new_project', {}, { isBulkRead: true, page: 7 })).map((item) => Number(item.cor_id))).toEqual(pages[7]);
  });
});
