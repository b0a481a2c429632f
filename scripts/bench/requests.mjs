// Benchmark section: requests each step makes, for every visible action, trigger and search, run in
// dependency order against the sandbox. Limit: 1 for every create, update, delete, action and search.
import { entities } from '../../.tools/creates/index.js';
import { upsertKey } from '../../.tools/src/model/actions.js';
import { operationKey } from '../../.tools/src/model/entity.js';
import { searchKey } from '../../.tools/src/reading/search.js';
import { triggerKey } from '../../.tools/src/reading/triggers.js';
import { searchSpecs } from '../../.tools/searches/index.js';
import { triggerSpecs } from '../../.tools/triggers/index.js';
import { createOf, entitiesInOrder, linkedExample } from '../../.tools/sandbox/examples.js';
import { byCorIdSteps } from '../../.tools/sandbox/by-cor-id.js';
import { readZapierError } from '../../.tools/sandbox/zapier-error.js';

/** An action by COR ID may read before its write and run its follow-ups after it: its most requests. */
const byCorIdLimit = (key) => {
  const op = entities.flatMap((e) => e.operations.map((o) => [operationKey(e, o), o])).find(([k]) => k === key)?.[1];
  return 1 + (op?.prior ? 1 : 0) + (op?.followUps?.length ?? 0);
};

const SOURCE = 'ZAPIER';

/** A failed step's outcome, in Zapier's words (a halted step's message is text, not JSON). */
const failure = (error) => `failed: ${readZapierError(error).message ?? error.message}`.slice(0, 100);

/** What a trigger needs to read its list: user 1's leaves, or the files of a task and of its project. */
const triggerInput = (key, ids) => ({ new_leave: { user_id: '1' }, new_file_on_task: { task_id: String(ids.task) }, new_file_in_project: { project_id: String(ids.project) } })[key] ?? {};

/** Each operation of each entity with its example input, in an order where what it names exists. */
const steps = () => {
  const list = [];
  const input = (entity, op) => linkedExample(entity, op, SOURCE);
  for (const entity of entitiesInOrder) list.push(['create', operationKey(entity, createOf(entity)), input(entity, createOf(entity)), '']);
  for (const entity of entitiesInOrder) {
    for (const op of entity.operations.filter((o) => o.kind === 'update' || o.kind === 'action')) list.push([op.kind, operationKey(entity, op), input(entity, op), '']);
    if (entity.operations.some((o) => o.kind === 'update')) {
      list.push(['upsert', upsertKey(entity), input(entity, createOf(entity)), 'the external ID exists: create → duplicate → update']);
    }
  }
  for (const entity of [...entitiesInOrder].reverse()) {
    for (const op of entity.operations.filter((o) => o.kind === 'delete')) list.push(['delete', operationKey(entity, op), input(entity, op), '']);
  }
  return list;
};

export const requestsSection = async (sandbox, run) => {
  await sandbox.reset();
  await sandbox.addRecords('projects', 60);
  const rows = [];
  const count = async (kind, key, method, input, note) => {
    const before = (await sandbox.stats()).requests;
    let outcome = 'ok';
    try {
      await run(method, input);
    } catch (error) {
      outcome = failure(error);
    }
    rows.push({ kind, key, requests: (await sandbox.stats()).requests - before, outcome, note });
  };
  for (const [kind, key, input, note] of steps()) await count(kind, key, `creates.${key}.operation.perform`, input, note);
  // The actions by COR ID, as the live check runs them: in a client of their own, with what each step learns.
  const ids = { me: 1 };
  ids.client = Number((await run('creates.create_client_by_external_id.operation.perform', { source: SOURCE, id: 'BENCH-CLIENT', name: 'Bench' })).results.cor_id);
  const roundTrip = byCorIdSteps('Bench', () => `${sandbox.url}/__sandbox/files/brief.txt`);
  for (const step of roundTrip) {
    const before = (await sandbox.stats()).requests;
    let outcome = 'ok';
    try {
      const { results } = await run(`creates.${step.key}.operation.perform`, step.input(ids));
      if (step.learn) Object.assign(ids, step.learn(results));
    } catch (error) {
      outcome = failure(error);
    }
    const limit = byCorIdLimit(step.key);
    rows.push({
      kind: 'by COR ID',
      key: step.key,
      requests: (await sandbox.stats()).requests - before,
      outcome,
      note: limit > 1 ? `at most ${limit}: a read before the write, or follow-ups after it` : '',
      limit,
    });
  }
  // The round trip removed its project: the file triggers read a new one's task, with a file on it.
  for (const step of roundTrip.filter((s) => ['create_project', 'create_task', 'upload_file_to_task'].includes(s.key))) {
    Object.assign(ids, step.learn?.((await run(`creates.${step.key}.operation.perform`, step.input(ids))).results));
  }
  for (const spec of triggerSpecs) {
    const key = triggerKey(spec);
    const note = spec.path === '/projects' ? '60 projects, oldest first: page 1 shows the order, then the last page' : '';
    await count('trigger', key, `triggers.${key}.operation.perform`, triggerInput(key, ids), note);
  }
  for (const spec of searchSpecs) await count('search', searchKey(spec), `searches.${searchKey(spec)}.operation.perform`, { name: 'a' }, '');
  const over = rows.filter((r) => (['create', 'update', 'delete', 'action', 'search'].includes(r.kind) && r.requests > 1) || (r.limit !== undefined && r.requests > r.limit));
  const failed = rows.filter((r) => r.outcome !== 'ok');
  return [
    '## 2. Requests per step',
    '',
    `${rows.length} runs over every visible action, trigger and search (${entities.length} entities), in dependency order against the sandbox, token already obtained. Limit: 1 for every create, update, delete, action and search by external ID; for an action by COR ID, 1 plus its read before the write and its follow-ups.`,
    '',
    '| kind | step | requests | outcome | note |',
    '|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.kind} | ${r.key} | ${r.requests} | ${r.outcome} | ${r.note} |`),
    '',
    `Over the limit: ${over.length ? over.map((r) => r.key).join(', ') : 'none'}. Steps that failed: ${failed.length ? failed.map((r) => `${r.key} (${r.outcome})`).join('; ') : 'none'}.`,
  ];
};
