/**
 * The live check (`npm run verify:live`): one round trip per entity against a COR account, in
 * dependency order, with external IDs unique to the run: create → update → Create or Update (which
 * must find the record and update it) → the entity's attach and detach actions → delete, deletes
 * running even when a step failed; then every action by COR ID, in the client the run created
 * (sandbox/by-cor-id.ts), and what those made is deleted again. Each operation is reported with COR's status and whether its
 * answer has the shape the app assumes (envelope and documented fields); each exchange is written,
 * secrets blanked, as a fixture the sandbox and the tests can replay. `npm test` runs it against
 * the sandbox through this same code, so it cannot rot.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import zapier from 'zapier-platform-core';
import { entities } from '../creates/index.js';
import App from '../index.js';
import { upsertKey } from '../src/model/actions.js';
import { documentedAnswer, type EntitySpec, type JsonValue, type OperationSpec, operationKey } from '../src/model/entity.js';
import { redact } from '../src/request/redact.js';
import { type ByCorIdStep, byCorIdCleanup, byCorIdSteps, canRun, type Learned } from './by-cor-id.js';
import { createOf, entitiesInOrder, linkedExample } from './examples.js';

export interface VerifyOptions {
  credentials: { api_key: string; client_secret: string };
  /** A source system set aside for the check: every record it makes is under this source. */
  source: string;
  /** Where the fixtures go (one JSON file an operation); none written without it. */
  fixturesDir?: string;
  /** Also create an exchange rate (COR has no delete for rates, so it stays). */
  withRates?: boolean;
  /** A file anyone can download, for Upload File to Task. */
  fileUrl: string;
}

/** One recorded exchange: what the app sent and what COR answered, secrets blanked. */
export interface Exchange {
  request: { method: string; url: string; body: unknown };
  answer: { status: number; body: unknown };
}

export interface Check {
  operation: string;
  docs: string;
  unverified: boolean;
  ok: boolean;
  status?: number;
  notes: string[];
}

type Step = { key: string; entity: EntitySpec; op?: OperationSpec; input: Record<string, unknown>; upsert?: boolean };

const parse = (text: unknown): unknown => {
  try {
    return typeof text === 'string' && text !== '' ? JSON.parse(text) : text;
  } catch {
    return text;
  }
};

/** A handler that runs steps as Zapier does, and the exchanges each step made, from Zapier's own (scrubbed) HTTP log. */
const stepRunner = (credentials: VerifyOptions['credentials']) => {
  const handler = (zapier as unknown as { createAppHandler: (app: unknown) => (event: unknown) => Promise<{ results: unknown }> }).createAppHandler(App);
  const authData: Record<string, string> = { ...credentials };
  const call = async (method: string, inputData: Record<string, unknown>) => {
    const exchanges: Exchange[] = [];
    const customLogger = (_message: string, data: Record<string, unknown>) => {
      // Core's own line for an answer the app reads raw says only "<probably streaming data>"; the app logs the answer as read beside it.
      if (data?.log_type !== 'http' || data.response_content === '<probably streaming data>') return;
      const request = { method: String(data.request_method), url: String(data.request_url), body: parse(data.request_data) };
      exchanges.push({ request, answer: { status: Number(data.response_status_code), body: parse(data.response_content) } });
    };
    try {
      const { results } = await handler({ command: 'execute', method, bundle: { authData, inputData, meta: {} }, customLogger });
      return { results, exchanges };
    } catch (error) {
      return { error: error as Error, exchanges };
    }
  };
  const signIn = async () => {
    const { results, error } = await call('authentication.sessionConfig.perform', {});
    if (error) throw error;
    Object.assign(authData, results);
  };
  return { authData, call, signIn };
};

/** The documented answer's envelope and top-level keys (inside `data` for wrapped answers). */
const shapeOf = (value: unknown): { envelope: string; keys: string[] } => {
  if (Array.isArray(value)) return { envelope: 'a list', keys: [] };
  if (!value || typeof value !== 'object') return { envelope: 'nothing', keys: [] };
  const record = value as Record<string, unknown>;
  const wrapped = 'statusCode' in record && record.data && typeof record.data === 'object';
  return { envelope: wrapped ? '{statusCode, status, data}' : 'a flat object', keys: Object.keys(wrapped ? (record.data as object) : record) };
};

/** Whether COR's answer has the shape the app assumes for this operation. */
const compare = (documented: JsonValue, answer: unknown): string[] => {
  const want = shapeOf(documented);
  const got = shapeOf(answer);
  if (want.envelope !== got.envelope) return [`answer is ${got.envelope}, the app assumes ${want.envelope}`];
  const missing = want.keys.filter((key) => !got.keys.includes(key));
  return missing.length ? [`documented fields missing: ${missing.join(', ')}`] : [];
};

/** A run's external IDs: each example ID made unique to the run, everywhere it appears. */
const uniqueIds =
  (runId: string) =>
  (input: Record<string, unknown>): Record<string, unknown> => {
    const exampleIds = new Set(entities.flatMap((e) => (e.idExample ? [e.idExample] : [])));
    const swap = (value: unknown): unknown => {
      if (typeof value === 'string') return exampleIds.has(value) ? `verify-${runId}-${value}` : value.replace(/^([^@]+)@/, `$1+${runId}@`);
      if (Array.isArray(value)) return value.map(swap);
      return value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, swap(v)])) : value;
    };
    return swap(input) as Record<string, unknown>;
  };

/** The steps of a run, in order: creates, updates and upserts entity by entity, then actions, then deletes (cleanup). */
const plan = (options: VerifyOptions, runId: string): { main: Step[]; cleanup: Step[] } => {
  const input = (entity: EntitySpec, op: OperationSpec) => {
    const linked = uniqueIds(runId)(linkedExample(entity, op, options.source));
    delete linked.currency_id; // a contract in the company's base currency: no exchange rate needed
    return linked;
  };
  const chosen = entitiesInOrder.filter((e) => options.withRates || createOf(e)!.fields.some((f) => f.key === 'id'));

  const main: Step[] = [];
  for (const entity of chosen) {
    const create = createOf(entity)!;
    main.push({ key: operationKey(entity, create), entity, op: create, input: input(entity, create) });
    const update = entity.operations.find((op) => op.kind === 'update');
    if (update) main.push({ key: operationKey(entity, update), entity, op: update, input: input(entity, update) });
    if (update) main.push({ key: upsertKey(entity), entity, op: create, input: input(entity, create), upsert: true });
  }
  for (const entity of chosen) for (const op of entity.operations.filter((o) => o.kind === 'action')) main.push({ key: operationKey(entity, op), entity, op, input: input(entity, op) });
  const cleanup = [...chosen].reverse().flatMap((entity): Step[] => {
    const remove = entity.operations.find((op) => op.kind === 'delete');
    if (remove) return [{ key: operationKey(entity, remove), entity, op: remove, input: input(entity, remove) }];
    const update = entity.operations.find((op) => op.kind === 'update' && op.fields.some((f) => f.key === 'active'));
    // Workspaces have no delete: retiring one is setting it inactive.
    return update ? [{ key: operationKey(entity, update), entity, op: update, input: { ...input(entity, update), active: false } }] : [];
  });
  return { main, cleanup };
};

const byKey = new Map(entities.flatMap((e) => e.operations.map((op) => [operationKey(e, op), { entity: e, op }] as const)));

/** Runs one step and judges COR's answers against what the app assumes. */
const check = async (runner: ReturnType<typeof stepRunner>, step: Step): Promise<{ check: Check; exchanges: Exchange[]; results?: unknown }> => {
  const { results, error, exchanges } = await runner.call(`creates.${step.key}.operation.perform`, step.input);
  const last = exchanges.at(-1);
  // By COR ID, the operation's own write: not a read before it, nor a follow-up after it. By external ID, the last (an upsert's update).
  const own = step.op?.api === 'main' ? (exchanges.find((e) => e.request.method === step.op?.method) ?? last) : last;
  const notes = error ? [(JSON.parse(error.message) as { message?: string }).message ?? error.message] : [];
  if (!error && step.op && own && !step.op.batch && !step.op.toRequest) notes.push(...compare(documentedAnswer(step.op), own.answer.body));
  if (step.upsert && !error)
    notes.push((results as { action_taken?: string }).action_taken === 'updated' ? `the duplicate was recognised (${exchanges[0]?.answer.status})` : 'Create or Update made a second record');
  const failed = Boolean(error) || (step.upsert === true && (results as { action_taken?: string }).action_taken !== 'updated');
  const op = step.op;
  return {
    exchanges,
    results,
    check: {
      operation: step.upsert ? `${step.key} (Create or Update)` : step.key,
      docs: op?.docs ?? '',
      unverified: Boolean(op?.unverified) && !step.upsert,
      ok: !failed,
      ...(own ? { status: own.answer.status } : {}),
      notes,
    },
  };
};

const writeFixture = (dir: string, index: number, step: Step, check: Check, exchanges: Exchange[], authData: Record<string, string>) => {
  const fixture = { operation: step.key, upsert: Boolean(step.upsert), input: step.input, ok: check.ok, exchanges };
  writeFileSync(join(dir, `${String(index).padStart(3, '0')}-${step.key}.json`), `${redact(JSON.stringify(fixture, null, 2), { authData })}\n`);
};

/** Runs the check; every record it made is removed again, whatever failed. */
export const verifyLive = async (options: VerifyOptions): Promise<Check[]> => {
  const runner = stepRunner(options.credentials);
  await runner.signIn();
  const runId = Date.now().toString(36);
  const { main, cleanup } = plan(options, runId);
  if (options.fixturesDir) mkdirSync(options.fixturesDir, { recursive: true });
  const checks: Check[] = [];
  const ids: Learned = {};
  const runOne = async (step: Step) => {
    const { check: result, exchanges, results } = await check(runner, step);
    checks.push(result);
    if (options.fixturesDir) writeFixture(options.fixturesDir, checks.length, step, result, exchanges, runner.authData);
    return result.ok ? (results as Record<string, unknown>) : undefined;
  };
  const runAll = async (steps: Step[]) => {
    for (const step of steps) {
      const output = await runOne(step);
      if (step.key === 'create_client_by_external_id' && output) ids.client = Number(output.cor_id);
    }
  };
  // The round trip by COR ID, in the client the run created; a step runs only when every COR ID it names was learned.
  const runByCorId = async (steps: ByCorIdStep[]) => {
    for (const step of steps) {
      const input = step.input(ids);
      if (!canRun(input)) continue;
      const output = await runOne({ key: step.key, ...byKey.get(step.key)!, input });
      if (output && step.learn) Object.assign(ids, step.learn(output));
    }
  };
  try {
    const me = await runner.call('authentication.test', {});
    ids.me = Number((me.results as { id?: unknown } | undefined)?.id);
    await runAll(main);
    await runByCorId(byCorIdSteps(`verify ${runId}`, () => options.fileUrl));
  } finally {
    await runByCorId(byCorIdCleanup);
    await runAll(cleanup);
  }
  return checks;
};

/** The report: a line an operation, and for each unverified endpoint whether the app's assumption held. */
export const report = (checks: Check[]): string => {
  const rows = checks.map(
    (c) => `| ${c.operation} | ${c.status ?? '—'} | ${c.ok ? 'ok' : 'FAILED'} | ${c.unverified ? (c.ok && c.notes.length === 0 ? 'held' : 'did not hold') : ''} | ${c.notes.join('; ')} |`,
  );
  const failed = checks.filter((c) => !c.ok).length;
  return ['| operation | COR status | result | unverified assumption | notes |', '|---|---|---|---|---|', ...rows, '', `${checks.length} operations, ${failed} failed.`].join('\n');
};
