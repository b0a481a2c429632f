/**
 * The fault matrix: every failure COR (or the network) can produce, injected by the sandbox
 * into a representative create, update, delete, upsert, trigger and search, run as Zapier
 * runs a step (refresh and one retry on RefreshAuthError). Each cell is asserted against the
 * expected Zapier behaviour below, every error message against what it must tell the user,
 * and the matrix is printed with the test output.
 */
import type { Fault } from '../sandbox/server.js';
import { createRunner, readZapierError, type Runner } from '../sandbox/zapier-runner.js';
import { useSandbox } from './support/sandbox.js';

const local = useSandbox();
const S = 'SAP';
let runner: Runner;

type Column = 'create' | 'update' | 'delete' | 'upsert' | 'trigger' | 'search';
const COLUMNS: Column[] = ['create', 'update', 'delete', 'upsert', 'trigger', 'search'];

/** Each column's step: what to prepare (unfaulted), where its request goes, and the step itself. */
const steps: Record<Column, { method: string; path: (row: number) => string; prepare?: (row: number) => Promise<unknown>; run: (row: number, duplicate: boolean) => Promise<unknown> }> = {
  create: { method: 'POST', path: () => '/v2/integrations/clients', run: (row, dup) => runner.run('create_client', { source: S, id: dup ? 'BASE' : `NEW-${row}`, name: 'Acme' }) },
  update: { method: 'PUT', path: () => '/v2/integrations/clients/BASE', run: () => runner.run('update_client', { source: S, id: 'BASE', phone: '+54 11' }) },
  delete: {
    method: 'DELETE',
    path: (row) => `/v2/integrations/clients/DEL-${row}`,
    prepare: (row) => runner.run('create_client', { source: S, id: `DEL-${row}`, name: 'To delete' }),
    run: (row) => runner.run('delete_client', { source: S, id: `DEL-${row}` }),
  },
  upsert: { method: 'POST', path: () => '/v2/integrations/clients', run: (row, dup) => runner.run('create_or_update_client', { source: S, id: dup ? 'BASE' : `UPS-${row}`, name: 'Acme' }) },
  trigger: { method: 'GET', path: () => '/v1/projects', run: () => runner.trigger('new_project', {}) },
  search: { method: 'GET', path: () => '/v1/clients/search-by-name', run: () => runner.search('find_client', { name: 'Acme' }) },
};

const OK = 'ok';
const RETRY_GATEWAY = 'retry in 30–60 s';
const all = (cell: string): Record<Column, string> => Object.fromEntries(COLUMNS.map((c) => [c, cell])) as Record<Column, string>;

interface Row {
  fault: string;
  inject?: Omit<Fault, 'method' | 'path'>;
  /** A real duplicate: the step names an external ID that already exists. */
  duplicate?: boolean;
  /** An hour-old token first (COR expires tokens after an hour). */
  oldToken?: boolean;
  timeoutMs?: number;
  expected: Record<Column, string>;
  /** What every error message of this row must tell the user. */
  says?: RegExp;
}

const rows: Row[] = [
  { fault: '401 once (token expired)', oldToken: true, inject: { kind: 'expire-token' }, expected: all('ok after 1 refresh') },
  { fault: '401 again after the refresh', oldToken: true, inject: { kind: 'expire-token', times: 2 }, expected: all('reconnect'), says: /Reconnect COR in Zapier/ },
  { fault: '403', inject: { kind: 'status', status: 403, body: { message: 'Forbidden' } }, expected: all('error HTTP_403'), says: /lacks the permission/ },
  {
    fault: '404 / ZC001', inject: { kind: 'status', status: 404, body: { code: 'ZC001', message: 'Entity is not associated' } },
    expected: { ...all('error ZC001'), search: 'nothing found' }, says: /external ID|not found|no /,
  },
  {
    fault: 'duplicate external ID', duplicate: true,
    expected: { create: 'error DuplicateExternalIdError', update: 'n/a', delete: 'n/a', upsert: 'ok (updated)', trigger: 'n/a', search: 'n/a' },
    says: /"Create or Update Client"/,
  },
  { fault: '422', inject: { kind: 'status', status: 422, body: { name: 'ValidationError', message: 'name is too long' } }, expected: all('error ValidationError'), says: /COR said: name is too long/ },
  { fault: '429 with Retry-After: 17', inject: { kind: 'status', status: 429, retryAfter: '17', body: {} }, expected: all('retry in 17 s') },
  { fault: '429 without Retry-After', inject: { kind: 'status', status: 429, body: {} }, expected: all("retry (Zapier's backoff)") },
  { fault: '500', inject: { kind: 'status', status: 500, body: { message: 'Internal Server Error' } }, expected: all('error HTTP_500'), says: /usually temporary: replay the step later/ },
  { fault: '502', inject: { kind: 'status', status: 502, body: {} }, expected: all(RETRY_GATEWAY) },
  { fault: '503', inject: { kind: 'status', status: 503, body: {} }, expected: all(RETRY_GATEWAY) },
  { fault: '504', inject: { kind: 'status', status: 504, body: {} }, expected: all(RETRY_GATEWAY) },
  { fault: 'timeout', timeoutMs: 300, inject: { kind: 'slow', delayMs: 900 }, expected: all('error Timeout'), says: /did not answer within 300 ms while trying to \w+ this \w+/ },
  { fault: 'body not JSON (HTML page)', inject: { kind: 'non-json', status: 200 }, expected: all('error NonJsonResponse'), says: /not JSON/ },
  // A list answered with nothing is not an empty list: taken as one, the poll that turns a Zap on would seed nothing, and old records would fire as new.
  { fault: 'empty body (200)', inject: { kind: 'empty', status: 200 }, expected: { ...all(OK), search: 'error UnexpectedResponse', trigger: 'error UnexpectedResponse' } },
];

/** What Zapier does with the step's result, in a few words. */
const outcome = async (column: Column, run: () => Promise<unknown>): Promise<{ cell: string; message?: string }> => {
  const before = runner.refreshes;
  try {
    const out = await run();
    if (runner.refreshes > before) return { cell: `ok after ${runner.refreshes - before} refresh` };
    if (Array.isArray(out) && out.length === 0) return { cell: column === 'search' ? 'nothing found' : 'ok (no items)' };
    if ((out as { action_taken?: string }).action_taken === 'updated') return { cell: 'ok (updated)' };
    return { cell: OK };
  } catch (error) {
    const e = readZapierError(error);
    if (e.name === 'ThrottledError') {
      if (e.delay === undefined) return { cell: "retry (Zapier's backoff)", message: e.message };
      return { cell: e.delay >= 30 && e.delay <= 60 ? RETRY_GATEWAY : `retry in ${e.delay} s`, message: e.message };
    }
    if (e.name === 'ExpiredAuthError') return { cell: 'reconnect', message: e.message };
    return { cell: e.name === 'AppError' ? `error ${e.code}` : `${e.name}!`, message: e.message };
  }
};

const table: string[][] = [];

beforeAll(async () => {
  runner = createRunner(local.sandbox.credentials);
  await runner.connect();
  await runner.run('create_client', { source: S, id: 'BASE', name: 'Acme' });
});

afterAll(() => {
  const header = `| fault | ${COLUMNS.join(' | ')} |\n|---|${COLUMNS.map(() => '---').join('|')}|`;
  process.stdout.write(`\nFault matrix (Zapier behaviour per step):\n${header}\n${table.map((r) => `| ${r.join(' | ')} |`).join('\n')}\n`);
});

describe('fault matrix', () => {
  it.each(rows.map((row, index) => [row.fault, row, index] as const))('%s', async (_fault, row, index) => {
    const cells: string[] = [];
    for (const column of COLUMNS) {
      const step = steps[column];
      if (row.expected[column] === 'n/a') {
        cells.push('n/a');
        continue;
      }
      await step.prepare?.(index);
      if (row.oldToken) runner.ageToken();
      local.sandbox.control.clearFaults();
      if (row.inject) local.sandbox.control.inject({ ...row.inject, method: step.method, path: step.path(index) });
      const saved = process.env.COR_REQUEST_TIMEOUT_MS;
      if (row.timeoutMs) process.env.COR_REQUEST_TIMEOUT_MS = String(row.timeoutMs);
      let result: { cell: string; message?: string };
      try {
        result = await outcome(column, () => step.run(index, Boolean(row.duplicate)));
      } finally {
        if (row.timeoutMs) process.env.COR_REQUEST_TIMEOUT_MS = saved ?? '';
        local.sandbox.control.clearFaults();
      }
      cells.push(result.cell);
      expect(`${column}: ${result.cell}`).toBe(`${column}: ${row.expected[column]}`);
      if (result.message !== undefined && row.says) expect(result.message).toMatch(row.says);
      // Every failure says what happened; none is a bare status or a stack trace.
      if (result.message !== undefined) expect(result.message).not.toMatch(/\n\s+at |^HTTP \d+$|undefined/);
    }
    table.push([row.fault, ...cells]);
    // Whatever failed, the connection works again for the next step.
    if (row.expected.create === 'reconnect') await runner.connect();
  });
});
