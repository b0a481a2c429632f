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

const KIND: Record<string, MainKind> = {
  '/projects': 'projects',
  '/clients': 'clients',
  '/users': 'users',
  '/hours': 'hours',
  '/tasks': 'tasks',
  '/user/leaves': 'leaves',
  '/brands': 'brands',
  '/products': 'products',
};

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

  it.each(['new_brand', 'new_product', 'task_status_changed', 'updated_task', 'time_entry_status_changed'])('supports Transfer on %s: pages 0, 1, … hold every record once', async (key) => {
    const { control } = local.sandbox;
    control.reset();
    control.lists.order = order;
    await runner.connect();
    const kind = KIND[triggerSpecs.find((t) => triggerKey(t) === key)!.path]!;
    control.addRecords(kind, 500, USER);
    const pages: number[][] = [];
    for (let page = 0; pages.at(-1)?.length !== 0; page++) pages.push((await runner.trigger(key, {}, { isBulkRead: true, page })).map((item) => Number(item.cor_id)));
    expect(pages.flat().sort((a, b) => a - b)).toEqual(control.ids(kind));
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

/** Zapier's dedupe as it is for a flood: every unseen item fires (Zapier holds more than 100 for the user to confirm). */
const flood = (key: string) => {
  const zap = dedupe(key);
  const seen = new Set<string>();
  return {
    seed: zap.seed,
    poll: (items: Record<string, unknown>[]) => {
      const primary = (App.triggers[key]!.operation.outputFields as { key: string; primary?: boolean }[]).filter((f) => f.primary).map((f) => f.key);
      const keyOf = (item: Record<string, unknown>) => JSON.stringify((primary.length ? primary : ['id']).map((f) => item[f]));
      const fresh = items.filter((item) => !seen.has(keyOf(item)) && zap.poll([item]).length === 1);
      for (const item of items) seen.add(keyOf(item));
      return fresh;
    },
  };
};

const NEW_TRIGGERS = triggerSpecs.filter((t) => t.read === 'newest');

describe.each(ORDERS)('COR lists %s, and the list moves or bursts', (order) => {
  let runner: Runner;
  beforeEach(async () => {
    const { control } = local.sandbox;
    control.reset();
    control.lists.order = order;
    runner = createRunner(local.sandbox.credentials);
    await runner.connect();
  });

  /** Seeds a Zap on SIZE records of the trigger's kind; returns the kind and its emulated dedupe. */
  const turnOn = async (key: string, path: string) => {
    const kind = KIND[path]!;
    local.sandbox.control.addRecords(kind, SIZE, USER);
    const zap = flood(key);
    zap.seed(await runner.trigger(key, {}, { isPopulatingDedupe: true }));
    local.sandbox.control.tick(60_000);
    return { kind, zap };
  };

  it.each(NEW_TRIGGERS.map((t) => [triggerKey(t), t] as const))('%s: records deleted while a poll reads its pages hide nothing, and no old record fires', async (key, spec) => {
    const { control } = local.sandbox;
    const { kind, zap } = await turnOn(key, spec.path);
    const made = control.addRecords(kind, 60, USER, 1000).map((r) => r.id);
    const ids = control.ids(kind);
    // Oldest first, 60 of the oldest go; newest first, 5 of the new ones on page 1: every page after it shifts.
    const gone = order === 'oldest-first' ? ids.slice(0, 60) : made.slice(-10, -5);
    control.afterPage(kind, 1, () => control.remove(kind, gone));
    const fired = zap.poll(await runner.trigger(key, {})).map((item) => Number(item.cor_id));
    const expected = made.filter((id) => !gone.includes(id));
    expect({ missed: expected.filter((id) => !fired.includes(id)), falsely: fired.filter((id) => !made.includes(id)) }).toEqual({ missed: [], falsely: [] });
  });

  it.each(NEW_TRIGGERS.flatMap((t) => [150, 500].map((n) => [triggerKey(t), n, t] as const)))('%s: a burst of %i new records fires every one', async (key, count, spec) => {
    const { control } = local.sandbox;
    const { kind, zap } = await turnOn(key, spec.path);
    const made = control.addRecords(kind, count, USER, 1000).map((r) => r.id);
    const before = control.requests.length;
    const fired = zap.poll(await runner.trigger(key, {})).map((item) => Number(item.cor_id));
    burstRequests.push(`| ${spec.label} | ${order} | ${count} | ${made.filter((id) => fired.includes(id)).length} | ${control.requests.length - before} |`);
    expect({ caught: made.filter((id) => fired.includes(id)).length, falsely: fired.filter((id) => !made.includes(id)) }).toEqual({ caught: count, falsely: [] });
    // The next poll, with a few new records, reads no more than an ordinary poll.
    const few = control.addRecords(kind, 3, USER, 1000).map((r) => r.id);
    const start = control.requests.length;
    expect(zap.poll(await runner.trigger(key, {})).map((item) => Number(item.cor_id))).toEqual(few.reverse());
    // A task's project names come from one more request: the project list.
    expect(control.requests.length - start).toBeLessThanOrEqual((order === 'oldest-first' ? 4 : 2) + (spec.names ? 1 : 0));
  });

  it.each([150, 500])('Updated Project: %i projects changed between polls all fire, and 120 dated in the future hide none', async (count) => {
    const { control } = local.sandbox;
    const { kind, zap } = await turnOn('updated_project', '/projects');
    // Bad data: 120 projects whose update time lies a year ahead.
    const ids = control.ids(kind);
    control.tick(365 * 86_400_000);
    control.touch(kind, ids.slice(0, 120));
    control.tick(-365 * 86_400_000);
    zap.poll(await runner.trigger('updated_project', {}));
    control.tick(60_000);
    const changed = ids.slice(200, 200 + count);
    control.touch(kind, changed);
    const fired = zap.poll(await runner.trigger('updated_project', {})).map((item) => Number(item.cor_id));
    expect({ missed: changed.filter((id) => !fired.includes(id)), falsely: fired.filter((id) => !changed.includes(id)) }).toEqual({ missed: [], falsely: [] });
  });
});

const burstRequests: string[] = [];
afterAll(() => {
  process.stdout.write(`\nBursts between two polls, 2,000 records:\n| trigger | order | new records | fired | requests |\n|---|---|---|---|---|\n${burstRequests.join('\n')}\n`);
});
