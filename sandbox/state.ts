/**
 * The sandbox's state: the external-ID mappings per source, the relations between records,
 * tokens, the request log, COR IDs and the clock, with the lookups COR's answers are made of.
 */
import { ENTITIES, type EntityModel, SOURCES } from './contract.js';

export interface StoredEntity {
  corId: number;
  externalId: string;
  source: string;
  fields: Record<string, unknown>;
  created_at: string;
  updated_at: string;
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

/** A failure COR answers with: its status and its body. */
export class CorError extends Error {
  readonly status: number;
  readonly body: Record<string, unknown>;
  constructor(status: number, body: Record<string, unknown>) {
    super(String(body.message ?? body.name));
    this.status = status;
    this.body = body;
  }
}

export const validation = (message: string, errors: { field: string; message: string }[] = []) => new CorError(400, { name: 'ValidationError', code: 'ZC002', message, errors });

/** source → kind → external ID → entity: the external-ID mappings, kept per source. */
const createMappings = () => {
  const store = new Map<string, Map<string, Map<string, StoredEntity>>>();
  const table = (source: string, kind: string): Map<string, StoredEntity> => {
    if (!store.has(source)) store.set(source, new Map());
    const bySource = store.get(source)!;
    if (!bySource.has(kind)) bySource.set(kind, new Map());
    return bySource.get(kind)!;
  };
  const allOf = (kind: string) => [...store.values()].flatMap((bySource) => [...(bySource.get(kind)?.values() ?? [])]);
  return { table, allOf, clear: () => store.clear() };
};

type Table = ReturnType<typeof createMappings>['table'];

/** The sandbox's clock (records' times), which tests move forward; tokens keep real time. */
const createClock = () => {
  let offsetMs = 0;
  const nowMs = () => Date.now() + offsetMs;
  return {
    nowMs,
    now: () => new Date(nowMs()).toISOString(),
    /** Moves the clock forward (COR's timestamps have whole seconds). */
    tick: (ms: number) => {
      offsetMs += ms;
    },
  };
};

/** Who is in which team, on which contract, and in which workspaces (with their share). */
const createRelations = () => ({
  teamUsers: new Map<number, Set<number>>(),
  contractUsers: new Map<number, { user_id: number; start_date: string; end_date: string; id: number }[]>(),
  userWorkspaces: new Map<number, Map<number, number>>(),
});

/** The company's exchange rates; they start with the dollar, as COR's Create Currency Exchanges example does. */
const createCurrencies = (baseCurrency: string) => {
  const rates: Record<string, unknown>[] = [{ foreign_currency: 'USD', base_currency: baseCurrency, amount: 1000, factor: 1, effective_date: '2025-03-20T02:00:00Z' }];
  /** CTR006: a contract in a currency with no exchange rate to the company's base currency. */
  const check = (fields: Record<string, unknown>) => {
    const currency = fields.currency_id;
    if (typeof currency !== 'string' || currency === baseCurrency || rates.some((r) => r.foreign_currency === currency)) return;
    throw new CorError(400, {
      status: 400,
      name: 'CORCustomError',
      code: 'CTR006',
      message: `Cannot save contract. Exchange rate not found for ${currency} to ${baseCurrency}. Please sync exchange rates first.`,
    });
  };
  return { rates, check, reset: () => rates.splice(1) };
};

const sourceOf = (body: unknown): string => {
  const source = (body as { metadata?: { source?: unknown } } | undefined)?.metadata?.source;
  if (typeof source !== 'string' || source === '') throw validation('metadata.source is required', [{ field: 'metadata.source', message: 'Required' }]);
  if (!(SOURCES as readonly string[]).includes(source)) throw new CorError(400, { name: 'InvalidSourceError', message: `Invalid source: ${source}` });
  return source;
};

const nounOf = (kind: string) => ENTITIES.find((e) => e.kind === kind)!.noun;

const checkDateOrder = (entity: EntityModel, fields: Record<string, unknown>) => {
  if (!entity.dateOrder) return;
  const [startKey, endKey] = entity.dateOrder;
  const start = fields[startKey];
  const end = fields[endKey];
  if (typeof start === 'string' && typeof end === 'string' && Date.parse(end) < Date.parse(start)) {
    throw new CorError(400, { name: 'InvalidDateRangeError', message: 'End date must be after or equal to start date' });
  }
};

/** The lookups COR's answers are made of, over the mappings. */
const lookupsOver = (table: Table) => {
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
      resolved[key] = find(source, kind, String(body[key]), () => new CorError(404, { name: `${nounOf(kind)}NotFoundError`, message: `${nounOf(kind)} not found in the integration mappings` })).corId;
    }
    return resolved;
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

  /** COR's answer to a create or an update: the entity, and what COR's page shows besides for that operation. */
  const answer = (entity: EntityModel, stored: StoredEntity, statusCode: number, mode: 'create' | 'update' = 'create') => {
    const record = { ...present(entity, stored), ...entity.answerExtras?.all, ...entity.answerExtras?.[mode] };
    return entity.envelope === 'flat' ? record : { statusCode, status: 'success', data: record };
  };

  const dependents = (source: string, kind: string, externalId: string) =>
    ENTITIES.flatMap((other) =>
      Object.entries(other.fields)
        .filter(([, rule]) => rule === `ref:${kind}`)
        .flatMap(([key]) => [...table(source, other.kind).values()].filter((e) => e.fields[key] === externalId).map(() => other.kind)),
    );

  return { find, resolveRefs, present, answer, dependents };
};

export const createState = (baseCurrency = 'ARS') => {
  const mappings = createMappings();
  const clock = createClock();
  const currencies = createCurrencies(baseCurrency);
  const relations = createRelations();
  const tokens = new Map<string, number>();
  const requests: SandboxExchange[] = [];
  let nextId = 1000;
  return {
    tokens,
    relations,
    currencyRates: currencies.rates,
    baseCurrency,
    checkCurrency: currencies.check,
    requests,
    table: mappings.table,
    allOf: mappings.allOf,
    now: clock.now,
    nowMs: clock.nowMs,
    nextId: () => nextId++,
    tick: clock.tick,
    sourceOf,
    checkDateOrder,
    ...lookupsOver(mappings.table),
    reset() {
      mappings.clear();
      tokens.clear();
      requests.length = 0;
      currencies.reset();
      for (const relation of Object.values(relations)) relation.clear();
    },
  };
};

export type SandboxState = ReturnType<typeof createState>;
