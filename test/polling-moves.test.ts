/**
 * Triggers hold when COR's list moves while a poll reads it, or bursts between two polls: on SIZE
 * records (400; POLL_SIZE=2000 for the soak) listed oldest first, then newest first, records deleted
 * after page 1 was served hide nothing and make no old record fire; 150 and 500 new records between polls all fire (Zapier holds
 * more than 100 for the user to confirm), and the next ordinary poll reads no more than before;
 * Updated Project finds every change whatever records dated in the future say.
 */
import { createRunner, type Runner } from '../sandbox/zapier-runner.js';
import { triggerKey } from '../src/reading/triggers.js';
import { triggerSpecs } from '../triggers/index.js';
import { flood, listFor, ORDERS, SIZE } from './support/polling.js';
import { useSandbox } from './support/sandbox.js';

const local = useSandbox();
const NEW_TRIGGERS = triggerSpecs.filter((t) => t.read === 'newest');
/**
 * Bursts on one trigger per kind of list COR pages alike: projects (with timestamps), clients (without),
 * tasks (with names from another list), a task's files (paged by per_page), a project's files (not paged).
 */
const BURST_TRIGGERS = NEW_TRIGGERS.filter((t) => ['new_project', 'new_client', 'new_task', 'new_file_on_task', 'new_file_in_project'].includes(triggerKey(t)));

describe.each(ORDERS)('COR lists %s, and the list moves or bursts', (order) => {
  let runner: Runner;
  beforeEach(async () => {
    const { control } = local.sandbox;
    control.reset();
    control.lists.order = order;
    runner = createRunner(local.sandbox.credentials);
    await runner.connect();
  });

  /** Seeds a Zap on `size` records of the trigger's list; returns the list (its kind, input, `add`) and the Zap's emulated dedupe. */
  const turnOn = async (key: string, path: string, size = SIZE) => {
    const list = listFor(local.sandbox.control, path);
    list.add(size);
    const zap = flood(key);
    zap.seed(await runner.trigger(key, list.input, { isPopulatingDedupe: true }));
    local.sandbox.control.tick(60_000);
    return { ...list, zap };
  };

  it.each(NEW_TRIGGERS.map((t) => [triggerKey(t), t] as const))('%s: records deleted while a poll reads its pages hide nothing, and no old record fires', async (key, spec) => {
    const { control } = local.sandbox;
    const { kind, input, add, zap } = await turnOn(key, spec.path);
    const made = add(60, 1000).map((r) => r.id);
    const ids = control.ids(kind);
    // Oldest first, 60 of the oldest go; newest first, 5 of the new ones on page 1: every page after it shifts.
    const gone = order === 'oldest-first' ? ids.slice(0, 60) : made.slice(-10, -5);
    control.afterPage(kind, 1, () => control.remove(kind, gone));
    const fired = zap.poll(await runner.trigger(key, input)).map((item) => Number(item.cor_id));
    const expected = made.filter((id) => !gone.includes(id));
    expect({ missed: expected.filter((id) => !fired.includes(id)), falsely: fired.filter((id) => !made.includes(id)) }).toEqual({ missed: [], falsely: [] });
  });

  it.each(BURST_TRIGGERS.flatMap((t) => [150, 500].map((n) => [triggerKey(t), n, t] as const)))('%s: a burst of %i new records fires every one', async (key, count, spec) => {
    const { control } = local.sandbox;
    const { input, add, zap } = await turnOn(key, spec.path);
    const made = add(count, 1000).map((r) => r.id);
    const before = control.requests.length;
    const fired = zap.poll(await runner.trigger(key, input)).map((item) => Number(item.cor_id));
    burstRequests.push(`| ${spec.label} | ${order} | ${count} | ${made.filter((id) => fired.includes(id)).length} | ${control.requests.length - before} |`);
    expect({ caught: made.filter((id) => fired.includes(id)).length, falsely: fired.filter((id) => !made.includes(id)) }).toEqual({ caught: count, falsely: [] });
    // The next poll, with a few new records, reads no more than an ordinary poll.
    const few = add(3, 1000).map((r) => r.id);
    const start = control.requests.length;
    expect(zap.poll(await runner.trigger(key, input)).map((item) => Number(item.cor_id))).toEqual(few.reverse());
    // A task's project names come from one more request: the project list.
    expect(control.requests.length - start).toBeLessThanOrEqual((order === 'oldest-first' ? 4 : 2) + (spec.names ? 1 : 0));
  });

  it.each([150, 500])('Updated Project: %i projects changed between polls all fire, and 120 dated in the future hide none', async (count) => {
    const { control } = local.sandbox;
    const { kind, zap } = await turnOn('updated_project', '/projects', Math.max(SIZE, 120 + count));
    // Bad data: 120 projects whose update time lies a year ahead.
    const ids = control.ids(kind);
    control.tick(365 * 86_400_000);
    control.touch(kind, ids.slice(0, 120));
    control.tick(-365 * 86_400_000);
    zap.poll(await runner.trigger('updated_project', {}));
    control.tick(60_000);
    const changed = ids.slice(120, 120 + count);
    expect(changed).toHaveLength(count);
    control.touch(kind, changed);
    const fired = zap.poll(await runner.trigger('updated_project', {})).map((item) => Number(item.cor_id));
    expect({ missed: changed.filter((id) => !fired.includes(id)), falsely: fired.filter((id) => !changed.includes(id)) }).toEqual({ missed: [], falsely: [] });
  });
});

const burstRequests: string[] = [];
afterAll(() => {
  process.stdout.write(`\nBursts between two polls, ${SIZE.toLocaleString('en')} records:\n| trigger | order | new records | fired | requests |\n|---|---|---|---|---|\n${burstRequests.join('\n')}\n`);
});
