/**
 * A local COR sandbox: the token endpoint, `/v1/me`, every Integrations API operation the
 * app uses (external-ID mappings kept per source, in memory), the main API lists the app
 * reads, and fault injection. Never bundled into the Zapier build.
 * A request body is checked against the contract (its ROUTES table) before any lookup, so an
 * off-contract request is always a 400 ValidationError whatever the sandbox holds.
 */
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import {
  type contractUsersSchema,
  type currencySchema,
  ENTITIES,
  type EntityModel,
  type positionAssignSchema,
  ROUTES,
  SOURCES,
  type workspaceAttachSchema,
} from './contract.js';
import { makeRecords, touchRecord } from './bulk.js';
import { answerWithFault, type Fault, type QueuedFault, takeFault } from './faults.js';

export type { Fault } from './faults.js';
import { corTime, type ListOrder, type MainKind, type MainRecord, registerMainApi } from './main-api.js';

export interface SandboxOptions {
  apiKey?: string;
  clientSecret?: string;
  /** Lifetime of issued tokens, in seconds. */
  tokenTtlSeconds?: number;
  /** Where the one-line request log goes (default: stdout; pass () => {} for silence). */
  log?: (line: string) => void;
  /** The company's base currency (currency exchanges must use it). */
  baseCurrency?: string;
  /** The order of main-API lists (COR documents none): oldest first (the default) or newest first. */
  listOrder?: ListOrder;
  /** Delay of every main-API answer, in ms (models COR's latency in the benchmark). */
  listLatencyMs?: number;
}

/** One request to the API as the sandbox received it, and its answer. */
export interface SandboxExchange {
  method: string;
  path: string;
  /** Path and query as sent: %-encoding kept (the client has already resolved any dot segments). */
  url: string;
  body: unknown;
  status: number;
  /** The answer as sent (JSON text, or the text of a non-JSON fault). */
  response: string;
}

export interface StoredEntity {
  corId: number;
  externalId: string;
  source: string;
  fields: Record<string, unknown>;
  created_at: string;
  updated_at: string;
}

const KNOWN_CURRENCIES = new Set(['ARS', 'USD', 'EUR', 'BRL', 'MXN', 'CLP', 'COP', 'GBP', 'UYU', 'PEN']);
const ME = { id: 1, first_name: 'Sandra', last_name: 'Box', email: 'sandbox@cor.local', role_id: 1, user_position_id: null, daily_hours: 8 };

class CorError extends Error {
  readonly status: number;
  readonly body: Record<string, unknown>;
  constructor(status: number, body: Record<string, unknown>) {
    super(String(body.message ?? body.name));
    this.status = status;
    this.body = body;
  }
}

const validation = (message: string, errors: { field: string; message: string }[] = []) =>
  new CorError(400, { name: 'ValidationError', code: 'ZC002', message, errors });

const parse = <T>(schema: z.ZodType<T>, body: unknown): T => {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const errors = result.error.issues.map((i) => ({ field: i.path.join('.') || 'body', message: i.message }));
  throw validation(`Missing or invalid fields: ${errors.map((e) => e.field).join(', ')}`, errors);
};

export const createSandbox = (options: SandboxOptions = {}) => {
  const apiKey = options.apiKey ?? 'sandbox-api-key';
  const clientSecret = options.clientSecret ?? 'sandbox-client-secret';
  const ttl = options.tokenTtlSeconds ?? 3600;
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const baseCurrency = options.baseCurrency ?? 'ARS';

  /** source → kind → external ID → entity */
  const store = new Map<string, Map<string, Map<string, StoredEntity>>>();
  const tokens = new Map<string, number>();
  const relations = {
    teamUsers: new Map<number, Set<number>>(),
    contractUsers: new Map<number, { user_id: number; start_date: string; end_date: string; id: number }[]>(),
    userWorkspaces: new Map<number, Map<number, number>>(),
  };
  const currencyRates: Record<string, unknown>[] = [];
  let faults: QueuedFault[] = [];
  const requests: SandboxExchange[] = [];
  let nextId = 1000;
  /** The sandbox's clock (records' times), which tests move forward; tokens keep real time. */
  let clockOffsetMs = 0;
  const nowMs = () => Date.now() + clockOffsetMs;

  const table = (source: string, kind: string) => {
    let bySource = store.get(source);
    if (!bySource) store.set(source, (bySource = new Map()));
    let byKind = bySource.get(kind);
    if (!byKind) bySource.set(kind, (byKind = new Map()));
    return byKind;
  };
  const allOf = (kind: string) => [...store.values()].flatMap((bySource) => [...(bySource.get(kind)?.values() ?? [])]);
  const now = () => new Date(nowMs()).toISOString();

  const sourceOf = (body: unknown): string => {
    const source = (body as { metadata?: { source?: unknown } } | undefined)?.metadata?.source;
    if (typeof source !== 'string' || source === '') throw validation('metadata.source is required', [{ field: 'metadata.source', message: 'Required' }]);
    if (!(SOURCES as readonly string[]).includes(source)) throw new CorError(400, { name: 'InvalidSourceError', message: `Invalid source: ${source}` });
    return source;
  };

  const nounOf = (kind: string) => ENTITIES.find((e) => e.kind === kind)!.noun;

  const find = (source: string, kind: string, externalId: string, notFound?: () => CorError): StoredEntity => {
    const found = table(source, kind).get(externalId);
    if (!found) {
      throw notFound?.() ?? new CorError(404, { code: 'ZC001', name: `${nounOf(kind)}NotFoundError`, message: `Entity is not associated: ${nounOf(kind)} with the specified external ID not found` });
    }
    return found;
  };

  /** Every `ref:` field given must name an entity created from the same source. */
  const resolveRefs = (entity: EntityModel, source: string, body: Record<string, unknown>): Record<string, number> => {
    const resolved: Record<string, number> = {};
    for (const [key, rule] of Object.entries(entity.fields)) {
      if (!rule.startsWith('ref:') || body[key] === undefined) continue;
      const kind = rule.slice(4);
      resolved[key] = find(source, kind, String(body[key]), () =>
        new CorError(404, { name: `${nounOf(kind)}NotFoundError`, message: `${nounOf(kind)} not found in the integration mappings` }),
      ).corId;
    }
    return resolved;
  };

  const checkDateOrder = (entity: EntityModel, fields: Record<string, unknown>) => {
    if (!entity.dateOrder) return;
    const [startKey, endKey] = entity.dateOrder;
    const start = fields[startKey];
    const end = fields[endKey];
    if (typeof start === 'string' && typeof end === 'string' && Date.parse(end) < Date.parse(start)) {
      throw new CorError(400, { name: 'InvalidDateRangeError', message: 'End date must be after or equal to start date' });
    }
  };

  /** The entity as COR answers it: COR IDs in place of external references. */
  const present = (entity: EntityModel, stored: StoredEntity) => {
    const out: Record<string, unknown> = { id: entity.envelope === 'wrapped-external' ? stored.externalId : stored.corId, ...stored.fields };
    for (const [key, rule] of Object.entries(entity.fields)) {
      if (rule.startsWith('ref:') && typeof stored.fields[key] === 'string') {
        out[key] = table(stored.source, rule.slice(4)).get(String(stored.fields[key]))?.corId ?? null;
      }
    }
    return { ...out, company_id: 2336, created_at: stored.created_at, updated_at: stored.updated_at };
  };

  const answer = (entity: EntityModel, stored: StoredEntity, statusCode: number) =>
    entity.envelope === 'flat' ? present(entity, stored) : { statusCode, status: 'success', data: present(entity, stored) };

  const dependents = (source: string, kind: string, externalId: string) =>
    ENTITIES.flatMap((other) =>
      Object.entries(other.fields)
        .filter(([, rule]) => rule === `ref:${kind}`)
        .flatMap(([key]) => [...table(source, other.kind).values()].filter((e) => e.fields[key] === externalId).map(() => other.kind)),
    );

  const app = Fastify({ logger: false });

  app.addHook('onSend', async (request, reply, payload) => {
    const path = request.url.split('?')[0]!;
    if (!path.startsWith('/__sandbox')) {
      requests.push({ method: request.method, path, url: request.url, body: request.body, status: reply.statusCode, response: typeof payload === 'string' ? payload : '' });
    }
    return payload;
  });
  app.addHook('onResponse', async (request, reply) => {
    log(`[cor-sandbox] ${request.method} ${request.url} ${reply.statusCode} ${reply.elapsedTime.toFixed(0)}ms`);
  });

  // Fault injection, then authentication, before any route.
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0]!;
    if (path.startsWith('/__sandbox')) return;
    const fault = takeFault(faults, request.method, path);
    // A raw answer bypasses fastify's hooks, so it is logged here.
    if (fault?.kind === 'raw') requests.push({ method: request.method, path, url: request.url, body: undefined, status: fault.status ?? 200, response: (fault.text ?? '').slice(0, 1000) });
    if (fault && (await answerWithFault(reply, fault))) return reply;
    if (path.endsWith('/oauth/token')) return;
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    const expiry = token ? tokens.get(token) : undefined;
    if (!expiry || expiry < Date.now()) return reply.code(401).send({ message: token ? 'Token expired' : 'Unauthorized' });
  });

  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof CorError) return reply.code(error.status).send(error.body);
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    return reply.code(status).send(status < 500 ? { name: 'ValidationError', message: (error as Error).message } : { code: 'ZC003', message: 'API Request Exception' });
  });

  // A DELETE with a JSON body, or a body-less POST: both are what COR's clients send.
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, body === '' ? undefined : JSON.parse(body as string));
    } catch {
      done(new CorError(400, { name: 'ValidationError', message: 'Body is not valid JSON' }), undefined);
    }
  });

  /* ---------- auth ---------- */

  app.post('/v1/oauth/token', async (request, reply) => {
    const query = request.query as { grant_type?: string };
    const basic = /^Basic (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    const [key, secret] = basic ? Buffer.from(basic, 'base64').toString().split(':') : [];
    if (query.grant_type !== 'client_credentials' || key !== apiKey || secret !== clientSecret) {
      return reply.code(401).send({ message: 'Invalid client credentials' });
    }
    const token = `sbx_${randomBytes(12).toString('hex')}`;
    tokens.set(token, Date.now() + ttl * 1000);
    return { access_token: token, token_type: 'Bearer', expires_in: ttl, refresh_token: `r_${token}` };
  });

  app.get('/v1/me', async () => ME);

  // Every documented endpoint's body is checked here, from the contract's route table, before its
  // handler looks anything up: the handlers below read bodies that already keep the contract.
  app.addHook('preHandler', async (request) => {
    const route = ROUTES.find((r) => r.method === request.method && r.path === request.routeOptions.url);
    if (!route) return;
    sourceOf(request.body);
    parse(route.body, request.body);
  });

  /* ---------- Integrations API: create / update / delete ---------- */

  for (const entity of ENTITIES) {
    app.post(entity.base, async (request, reply) => {
      const source = sourceOf(request.body);
      const body = request.body as Record<string, unknown>;
      const id = String(body.id);
      const mappings = table(source, entity.kind);
      if (mappings.has(id)) {
        throw new CorError(400, entity.duplicateAsZC004
          ? { code: 'ZC004', message: 'Association already exists' }
          : { name: 'DuplicateExternalIdError', message: `A ${entity.noun.toLowerCase()} with this external ID already exists for this source` });
      }
      if (entity.kind === 'users' && allOf('users').some((u) => u.fields.email === body.email)) {
        throw new CorError(400, { name: 'DuplicateEmailError', message: 'A user with this email already exists' });
      }
      resolveRefs(entity, source, body);
      const { metadata: _m, id: _id, ...fields } = body;
      checkDateOrder(entity, fields);
      const stored: StoredEntity = { corId: nextId++, externalId: id, source, fields, created_at: now(), updated_at: now() };
      mappings.set(id, stored);
      // COR documents 201 for leave creates; the other creates answer 200.
      const status = entity.kind === 'leaves' || entity.kind === 'leave-types' ? 201 : 200;
      return reply.code(status).send(answer(entity, stored, status));
    });

    if (!entity.noUpdate) {
      app.put(`${entity.base}/:id`, async (request) => {
        const source = sourceOf(request.body);
        const body = request.body as Record<string, unknown>;
        const stored = find(source, entity.kind, (request.params as { id: string }).id);
        resolveRefs(entity, source, body);
        const { metadata: _m, id: _id, ...fields } = body;
        checkDateOrder(entity, { ...stored.fields, ...fields });
        Object.assign(stored.fields, fields);
        stored.updated_at = now();
        return answer(entity, stored, 200);
      });
    }

    if (!entity.noDelete) {
      app.delete(`${entity.base}/:id`, async (request) => {
        const source = sourceOf(request.body);
        const externalId = (request.params as { id: string }).id;
        const stored = find(source, entity.kind, externalId);
        for (const key of entity.deleteRequires ?? []) {
          const value = (request.body as Record<string, unknown>)[key];
          const rule = entity.fields[key]!;
          if (rule.startsWith('ref:')) {
            find(source, rule.slice(4), value as string, () => new CorError(404, { name: 'UserNotFoundError', message: 'User not found in the integration mappings' }));
          }
        }
        const users = dependents(source, entity.kind, externalId);
        if (users.length) {
          throw new CorError(400, { name: 'DeletionError', message: `${entity.noun} is still used by: ${[...new Set(users)].join(', ')}` });
        }
        table(source, entity.kind).delete(externalId);
        if (entity.deleteShape === 'ids') return { message: `${entity.noun} deleted successfully`, external_id: externalId, cor_id: stored.corId };
        if (entity.deleteShape === 'wrapped') return { statusCode: 200, status: 'success', data: { message: 'Leave request deleted successfully', deletedId: externalId } };
        return { message: 'Entity deleted successfully' };
      });
    }
  }

  /* ---------- Integrations API: attach, detach, assign, batch ---------- */

  app.post('/v2/integrations/contracts/:id/users', async (request) => {
    const source = sourceOf(request.body);
    const body = request.body as z.infer<typeof contractUsersSchema>;
    const contract = find(source, 'contracts', (request.params as { id: string }).id);
    const attached = relations.contractUsers.get(contract.corId) ?? [];
    const assigned: Record<string, unknown>[] = [];
    const errors: Record<string, unknown>[] = [];
    let received = 0;
    for (const user of body.users) {
      const found = table(source, 'users').get(user.id);
      received += user.dates.length;
      if (!found) {
        errors.push({ id: user.id, error_code: 'CE001', message: 'User not found in associations' });
        continue;
      }
      const bad: Record<string, unknown>[] = [];
      for (const period of user.dates) {
        if (!period.start || !period.end) bad.push({ ...period, message: 'Date malformatted. Start and end date are required' });
        else if (Date.parse(period.end) < Date.parse(period.start)) bad.push({ ...period, message: 'Date malformatted. Start date must be before end date' });
        else {
          const row = { id: nextId++, user_id: found.corId, start_date: `${period.start}T00:00:00.000Z`, end_date: `${period.end}T00:00:00.000Z` };
          attached.push(row);
          assigned.push(row);
        }
      }
      if (bad.length) errors.push({ id: user.id, dates: bad, message: 'Partial success. Some dates were rejected' });
    }
    relations.contractUsers.set(contract.corId, attached);
    const status = errors.length === 0 ? 'success' : assigned.length ? 'partial_success' : 'failure';
    return { status, company_id: 2336, contract_id: contract.externalId, records_received: received, records_created: assigned.length, records_rejected: received - assigned.length, assigned, errors };
  });

  app.delete('/v2/integrations/contracts/:id/users', async (request) => {
    const source = sourceOf(request.body);
    const body = request.body as { users: string[] };
    const contract = find(source, 'contracts', (request.params as { id: string }).id);
    const attached = relations.contractUsers.get(contract.corId) ?? [];
    const ids = body.users.map((u) => find(source, 'users', u, () => new CorError(404, { name: 'UserNotFoundError', message: `User ${u} not found` })).corId);
    const missing = ids.filter((id) => !attached.some((a) => a.user_id === id));
    if (missing.length) throw new CorError(400, { name: 'NotAttachedError', message: `Users not attached to this contract: ${missing.join(', ')}` });
    relations.contractUsers.set(contract.corId, attached.filter((a) => !ids.includes(a.user_id)));
    return { message: 'Users detached successfully', contract_id: contract.corId, detached_users: ids };
  });

  const teamUsersOf = (team: StoredEntity) => {
    let set = relations.teamUsers.get(team.corId);
    if (!set) relations.teamUsers.set(team.corId, (set = new Set()));
    return set;
  };
  const relationRows = (team: StoredEntity, userIds: number[]) =>
    userIds.map((user_id) => ({ team_id: team.corId, user_id, id: team.corId * 1000 + user_id, created_at: now(), updated_at: now() }));

  app.put('/v2/integrations/teams/:id/attach', async (request) => {
    const source = sourceOf(request.body);
    const body = request.body as { users: string[] };
    const team = find(source, 'teams', (request.params as { id: string }).id);
    const users = body.users.map((u) => find(source, 'users', u, () => new CorError(404, { code: 'ZC001', message: `Entity is not associated: missing associations for users (${u})` })));
    const members = teamUsersOf(team);
    const added: number[] = [];
    const errors: Record<string, unknown>[] = [];
    for (const user of users) {
      if (members.has(user.corId)) errors.push({ user_id: user.corId, name: 'ALREADY_ASSIGNED', code: 'UT011', message: 'User is already assigned to this team' });
      else {
        members.add(user.corId);
        added.push(user.corId);
      }
    }
    return { users: relationRows(team, added), errors };
  });

  app.put('/v2/integrations/teams/:id/detach', async (request) => {
    const source = sourceOf(request.body);
    const body = request.body as { users: string[] };
    const team = find(source, 'teams', (request.params as { id: string }).id);
    const members = teamUsersOf(team);
    for (const u of body.users) members.delete(find(source, 'users', u).corId);
    return relationRows(team, [...members]);
  });

  const userWithWorkspaces = (source: string, user: StoredEntity) => {
    const shares = relations.userWorkspaces.get(user.corId) ?? new Map<number, number>();
    const workspaces = allOf('workspaces')
      .filter((w) => w.source === source && shares.has(w.corId))
      .map((w) => ({ id: w.corId, name: w.fields.name, active: w.fields.active ?? true, pivot: { workspace_id: w.corId, user_id: user.corId, percentage: shares.get(w.corId) } }));
    return { id: user.corId, name: `${user.fields.first_name} ${user.fields.last_name}`, email: user.fields.email, workspaces };
  };

  app.put('/v2/integrations/users/:id/attach', async (request) => {
    const source = sourceOf(request.body);
    const body = request.body as z.infer<typeof workspaceAttachSchema>;
    const user = find(source, 'users', (request.params as { id: string }).id);
    const shares = relations.userWorkspaces.get(user.corId) ?? new Map<number, number>();
    for (const w of body.workspaces) {
      const workspace = find(source, 'workspaces', w.workspaceId, () => new CorError(404, { name: 'WorkspaceNotFoundError', message: `Workspace ${w.workspaceId} not found` }));
      shares.set(workspace.corId, w.percentage);
    }
    relations.userWorkspaces.set(user.corId, shares);
    return userWithWorkspaces(source, user);
  });

  app.put('/v2/integrations/users/:id/detach', async (request) => {
    const source = sourceOf(request.body);
    const body = request.body as { workspaces: string[] };
    const user = find(source, 'users', (request.params as { id: string }).id);
    const shares = relations.userWorkspaces.get(user.corId) ?? new Map<number, number>();
    for (const w of body.workspaces) shares.delete(find(source, 'workspaces', w).corId);
    return userWithWorkspaces(source, user);
  });

  app.put('/v2/user/user-position', async (request) => {
    const source = sourceOf(request.body);
    const body = request.body as z.infer<typeof positionAssignSchema>;
    const assignments = body.users.map((u) => {
      const user = find(source, 'users', u.id, () => new CorError(404, { name: 'UserNotFoundError', message: `User ${u.id} not found` }));
      const position = find(source, 'positions', u.position_id, () => new CorError(404, { name: 'PositionNotFoundError', message: `Position ${u.position_id} not found` }));
      user.fields.user_position_id = u.position_id;
      return { user_id: user.corId, position_id: position.corId, status: 'assigned' };
    });
    return { message: 'Users assigned to positions successfully', assignments };
  });

  app.post('/v2/user-position/:position/seniority/:seniority', async (request) => {
    const source = sourceOf(request.body);
    const { position: positionId, seniority: seniorityId } = request.params as { position: string; seniority: string };
    const position = find(source, 'positions', positionId, () => new CorError(400, { code: 'ZC002', message: 'User position not found' }));
    const seniority = find(source, 'seniority', seniorityId, () => new CorError(404, { name: 'SeniorityNotFoundError', message: 'Seniority not found' }));
    position.fields.seniority = seniority.fields.name;
    return { statusCode: 200, status: 'success', data: { name: position.fields.name, seniority: seniority.fields.name, company_id: 2336, created_at: position.created_at, updated_at: now() } };
  });

  app.post('/v2/integrations/currency-exchanges', async (request) => {
    const body = request.body as z.infer<typeof currencySchema>;
    const errors: Record<string, unknown>[] = [];
    let created = 0;
    for (const rate of body.currency_exchanges) {
      const problem = !KNOWN_CURRENCIES.has(rate.foreign_currency) || !KNOWN_CURRENCIES.has(rate.base_currency)
        ? 'Currency not found'
        : rate.base_currency !== baseCurrency
          ? 'Base currency mismatch'
          : undefined;
      if (problem) errors.push({ from_currency: rate.foreign_currency, to_currency: rate.base_currency, message: problem });
      else {
        currencyRates.push(rate);
        created += 1;
      }
    }
    const status = errors.length === 0 ? 'success' : created ? 'partial' : 'failed';
    return { status, company_id: 2336, records_received: body.currency_exchanges.length, records_deduplicated: 0, records_created: created, records_replaced: 0, records_rejected: errors.length, errors };
  });

  /* ---------- main API v1: what the Integrations API created, and bulk records ---------- */

  const time = (iso: string) => Date.parse(iso);
  /** A project as COR's main API lists it: COR IDs, the linked client and PM, naive timestamps. */
  const projectItem = (stored: StoredEntity) => {
    const entity = ENTITIES.find((e) => e.kind === 'projects')!;
    const client = stored.fields.client_id ? table(stored.source, 'clients').get(String(stored.fields.client_id)) : undefined;
    const pm = stored.fields.pm_id ? table(stored.source, 'users').get(String(stored.fields.pm_id)) : undefined;
    return {
      ...present(entity, stored), id: stored.corId, created_at: corTime(time(stored.created_at)), updated_at: corTime(time(stored.updated_at)),
      client: client ? { id: client.corId, name: client.fields.name } : null,
      pm: pm ? { id: pm.corId, first_name: pm.fields.first_name, last_name: pm.fields.last_name, email: pm.fields.email } : null,
    };
  };
  const record = (stored: StoredEntity, item: Record<string, unknown>, userId?: number): MainRecord => ({
    id: stored.corId, item, createdAt: time(stored.created_at), updatedAt: time(stored.updated_at), ...(userId !== undefined ? { userId } : {}),
  });
  const leaveRecord = (l: StoredEntity): MainRecord | undefined => {
    const user = table(l.source, 'users').get(String(l.fields.userId));
    const type = table(l.source, 'leave-types').get(String(l.fields.leaveTypeId));
    if (!user) return undefined;
    return record(l, { id: l.corId, user_id: user.corId, leave_type_id: type?.corId ?? null, leaveType: { id: type?.corId ?? null, name: type?.fields.name ?? null },
      start: l.fields.start, end: l.fields.end, all_day: l.fields.allDay, created_at: corTime(time(l.created_at)), updated_at: corTime(time(l.updated_at)) }, user.corId);
  };
  const FROM_INTEGRATIONS: Partial<Record<MainKind, () => MainRecord[]>> = {
    projects: () => allOf('projects').map((p) => record(p, projectItem(p))),
    // COR's client and user lists carry no timestamps.
    clients: () => allOf('clients').map((c) => record(c, { id: c.corId, ...c.fields })),
    users: () => allOf('users').map((u) => record(u, { id: u.corId, first_name: u.fields.first_name, last_name: u.fields.last_name, email: u.fields.email,
      role_id: u.fields.role_id ?? 4, daily_hours: u.fields.daily_hours ?? 8, position_name: null, hidden: false, gmt: '-03:00', labels: [] })),
    leaves: () => allOf('leaves').map(leaveRecord).filter((r): r is MainRecord => r !== undefined),
  };
  const mainApi = registerMainApi(app, {
    fromIntegrations: (kind) => FROM_INTEGRATIONS[kind]?.() ?? [],
    order: options.listOrder ?? 'oldest-first',
    latencyMs: options.listLatencyMs ?? 0,
  });

  /* ---------- sandbox control (for tests and demos) ---------- */

  app.post('/__sandbox/faults', async (request) => {
    const fault = request.body as Fault;
    faults.push({ ...fault, left: fault.times ?? 1 });
    return { queued: faults.filter((f) => f.left > 0).length };
  });
  app.delete('/__sandbox/faults', async () => {
    faults = [];
    return { queued: 0 };
  });
  app.get('/__sandbox/requests', async () => requests);
  app.post('/__sandbox/records', async (request) => {
    const { kind, count, userId } = request.body as { kind: MainKind; count: number; userId?: number };
    return { ids: control.addRecords(kind, count, userId).map((r) => r.id) };
  });
  app.post('/__sandbox/touch', async (request) => {
    const { kind, ids } = request.body as { kind: MainKind; ids: number[] };
    control.touch(kind, ids);
    return { touched: ids.length };
  });
  app.put('/__sandbox/settings', async (request) => Object.assign(mainApi.settings, request.body as object));

  const control = {
    /** Make the next matching requests fail, slow down, or expire the token. */
    inject(fault: Fault) {
      faults.push({ ...fault, left: fault.times ?? 1 });
    },
    clearFaults() {
      faults = [];
    },
    /** Expire every token issued so far (the next call with one gets 401). */
    expireTokens() {
      for (const token of tokens.keys()) tokens.set(token, 0);
    },
    /** Entities of one kind created from one source. */
    entities(source: string, kind: string): StoredEntity[] {
      return [...table(source, kind).values()];
    },
    /** Every API request received, in order, with its body and answer. */
    requests,
    /** Main-API lists: their order and latency. */
    lists: mainApi.settings,
    /** Adds `count` records to a main-API list, created an hour apart up to now (or `spacingMs`); leaves belong to `userId`. */
    addRecords(kind: MainKind, count: number, userId?: number, spacingMs?: number): MainRecord[] {
      const records = makeRecords(kind, count, () => nextId++, nowMs(), userId, spacingMs);
      mainApi.add(kind, records);
      return records;
    },
    /** Changes bulk records as a COR user would: a new update time and a changed detail. */
    touch(kind: MainKind, ids: number[]) {
      for (const id of ids) touchRecord(kind, mainApi.get(kind, id)!, nowMs());
    },
    /** Moves the sandbox's clock forward (COR's timestamps have whole seconds). */
    tick(ms: number) {
      clockOffsetMs += ms;
    },
    /** The COR IDs of a main-API list, oldest first. */
    ids: (kind: MainKind) => mainApi.listOf(kind).map((r) => r.id).sort((a, b) => a - b),
    reset() {
      store.clear();
      tokens.clear();
      faults = [];
      requests.length = 0;
      relations.teamUsers.clear();
      relations.contractUsers.clear();
      relations.userWorkspaces.clear();
      mainApi.clear();
    },
  };

  return {
    app,
    control,
    credentials: { api_key: apiKey, client_secret: clientSecret },
    /** Starts listening on loopback; port 0 picks a free one. Returns the base URL. */
    async listen(port = 0): Promise<string> {
      const address = await app.listen({ port, host: '127.0.0.1' });
      return address;
    },
    close: () => app.close(),
  };
};

export type Sandbox = ReturnType<typeof createSandbox>;

/** The two base URLs the app reads, for a sandbox at `url`. */
export const sandboxEnv = (url: string) => ({ COR_API_BASE_URL: `${url}/v1`, COR_INTEGRATIONS_BASE_URL: url });
