/**
 * Concurrency: many Zap steps at once against the sandbox on loopback, ten at a time, from
 * three connections (each its own token and source system). Every step succeeds or fails as
 * documented, each answer is about its own input (no state shared between bundles), and
 * "Create or Update" racing itself on one new external ID still makes exactly one entity.
 */
import { createRunner, readZapierError, type Runner } from '../sandbox/zapier-runner.js';
import { useSandbox } from './support/sandbox.js';

const local = useSandbox();
const SOURCES = ['SAP', 'JIRA', 'OKTA'] as const;
const PARALLEL = 10;

/** Runs the tasks with at most `limit` in flight; results in task order. */
const inPool = async <T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> => {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  let inFlight = 0;
  let peak = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      results[index] = await tasks[index]!();
      inFlight -= 1;
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  expect(peak).toBe(limit); // it really ran in parallel
  return results;
};

type Expected = { ok: Record<string, unknown> } | { code: string; says: string };
interface Step {
  runner: Runner;
  action: string;
  input: Record<string, unknown>;
  expected: Expected;
}

const settle = async (step: Step) => {
  try {
    return { step, output: await step.runner.run(step.action, step.input) };
  } catch (error) {
    return { step, error: readZapierError(error) };
  }
};

it('60 steps from three connections, ten at a time, each answered about its own input', async () => {
  const runners = await Promise.all(
    SOURCES.map(async () => {
      const runner = createRunner(local.sandbox.credentials);
      await runner.connect();
      return runner;
    }),
  );
  // Each connection holds its own session token.
  expect(new Set(runners.map((r) => r.authData.access_token)).size).toBe(SOURCES.length);

  const steps: Step[] = SOURCES.flatMap((source, n) => {
    const runner = runners[n]!;
    return [
      ...Array.from(
        { length: 10 },
        (_, i): Step => ({
          runner,
          action: 'create_client_by_external_id',
          input: { source, id: `${source}-C${i}`, name: `Client ${source} ${i}` },
          expected: { ok: { external_id: `${source}-C${i}`, name: `Client ${source} ${i}` } },
        }),
      ),
      // Five replays of one new ID at the same moment: one creates, the others update it.
      ...Array.from(
        { length: 5 },
        (_, i): Step => ({
          runner,
          action: 'create_or_update_client_by_external_id',
          input: { source, id: 'SHARED', name: `Shared ${i}` },
          expected: { ok: { external_id: 'SHARED', name: `Shared ${i}` } },
        }),
      ),
      ...Array.from(
        { length: 3 },
        (_, i): Step => ({
          runner,
          action: 'update_client_by_external_id',
          input: { source, id: `${source}-MISSING-${i}`, phone: '1' },
          expected: { code: 'ZC001', says: `COR has no client with external ID "${source}-MISSING-${i}" for source ${source}` },
        }),
      ),
      ...Array.from(
        { length: 2 },
        (_, i): Step => ({
          runner,
          action: 'create_project_by_external_id',
          input: { source, id: `${source}-P${i}`, name: 'P', start: '2027-02-01', end: '2027-01-01' },
          expected: { code: 'InvalidInput', says: 'End Date: must be on or after Start Date' },
        }),
      ),
    ];
  });
  // Interleave the connections, as Zapier's workers would.
  const shuffled = steps
    .map((step, i) => ({ step, key: (i * 7919) % steps.length }))
    .sort((a, b) => a.key - b.key)
    .map((s) => s.step);

  const results = await inPool(
    shuffled.map((step) => () => settle(step)),
    PARALLEL,
  );

  for (const { step, output, error } of results) {
    const label = `${step.action} ${JSON.stringify(step.input)}`;
    if ('ok' in step.expected) {
      expect({ label, error }).toEqual({ label, error: undefined });
      expect(output).toMatchObject(step.expected.ok);
    } else {
      expect({ label, code: error?.code }).toEqual({ label, code: step.expected.code });
      expect(error?.message).toContain(step.expected.says);
    }
  }
  for (const source of SOURCES) {
    const clients = local.sandbox.control.entities(source, 'clients');
    expect(clients.map((c) => c.externalId).sort()).toEqual([...Array.from({ length: 10 }, (_, i) => `${source}-C${i}`), 'SHARED'].sort());
    const shared = results.filter((r) => r.step.input.source === source && r.step.input.id === 'SHARED').map((r) => r.output?.action_taken);
    expect(shared.filter((a) => a === 'created')).toHaveLength(1);
    expect(shared.filter((a) => a === 'updated')).toHaveLength(4);
    expect(local.sandbox.control.entities(source, 'projects')).toEqual([]);
  }
  // No connection needed a new token; each kept its own.
  expect(runners.map((r) => r.refreshes)).toEqual([1, 1, 1]);
});
