/** What the Integrations API created, as COR's main API lists it: COR IDs, linked names, naive timestamps. */
import { ENTITIES } from './contract.js';
import { corTime, type MainKind, type MainRecord } from './main-api.js';
import type { SandboxState, StoredEntity } from './state.js';

const time = (iso: string) => Date.parse(iso);
const entityOf = (kind: string) => ENTITIES.find((e) => e.kind === kind)!;

/** A main-API record of a stored entity: its COR ID, what the list shows of it, its times (and a leave's user). */
const record = (stored: StoredEntity, item: Record<string, unknown>, userId?: number): MainRecord => ({
  id: stored.corId,
  item,
  createdAt: time(stored.created_at),
  updatedAt: time(stored.updated_at),
  ...(userId !== undefined ? { userId } : {}),
});

/** An entity as the Integrations API presents it (COR IDs for the records it names), under its own COR ID. */
const presented = (state: SandboxState, kind: string, stored: StoredEntity) => ({ ...state.present(entityOf(kind), stored), id: stored.corId });

/** A project as COR's main API lists it: COR IDs, the linked client and PM, naive timestamps. */
const projectItem = (state: SandboxState, stored: StoredEntity) => {
  const client = stored.fields.client_id ? state.table(stored.source, 'clients').get(String(stored.fields.client_id)) : undefined;
  const pm = stored.fields.pm_id ? state.table(stored.source, 'users').get(String(stored.fields.pm_id)) : undefined;
  return {
    ...presented(state, 'projects', stored),
    created_at: corTime(time(stored.created_at)),
    updated_at: corTime(time(stored.updated_at)),
    client: client ? { id: client.corId, name: client.fields.name } : null,
    pm: pm ? { id: pm.corId, first_name: pm.fields.first_name, last_name: pm.fields.last_name, email: pm.fields.email } : null,
  };
};

const userItem = (u: StoredEntity) => ({
  id: u.corId,
  first_name: u.fields.first_name,
  last_name: u.fields.last_name,
  email: u.fields.email,
  role_id: u.fields.role_id ?? 4,
  daily_hours: u.fields.daily_hours ?? 8,
  position_name: null,
  hidden: false,
  gmt: '-03:00',
  labels: [],
});

/** A leave as COR lists it, its user's and type's COR IDs; none while its user is unknown. */
const leaveRecord = (state: SandboxState, l: StoredEntity): MainRecord | undefined => {
  const user = state.table(l.source, 'users').get(String(l.fields.userId));
  const type = state.table(l.source, 'leave-types').get(String(l.fields.leaveTypeId));
  if (!user) return undefined;
  const item = {
    id: l.corId,
    user_id: user.corId,
    leave_type_id: type?.corId ?? null,
    leaveType: { id: type?.corId ?? null, name: type?.fields.name ?? null },
    start: l.fields.start,
    end: l.fields.end,
    all_day: l.fields.allDay,
    created_at: corTime(time(l.created_at)),
    updated_at: corTime(time(l.updated_at)),
  };
  return record(l, item, user.corId);
};

/** The main-API lists that show what the Integrations API created, and how each shows it. */
const FROM_INTEGRATIONS: Partial<Record<MainKind, (state: SandboxState) => MainRecord[]>> = {
  projects: (state) => state.allOf('projects').map((p) => record(p, projectItem(state, p))),
  // COR's client and user lists carry no timestamps.
  clients: (state) => state.allOf('clients').map((c) => record(c, { id: c.corId, ...c.fields })),
  users: (state) => state.allOf('users').map((u) => record(u, userItem(u))),
  // Brands and products as COR lists them: COR IDs for the records they name.
  brands: (state) => state.allOf('brands').map((b) => record(b, presented(state, 'brands', b))),
  products: (state) => state.allOf('products').map((p) => record(p, presented(state, 'products', p))),
  contracts: (state) => state.allOf('contracts').map((c) => record(c, { id: c.corId, name: c.fields.name, status: c.fields.status ?? null, created_at: corTime(time(c.created_at)) })),
  leaves: (state) =>
    state
      .allOf('leaves')
      .map((l) => leaveRecord(state, l))
      .filter((r): r is MainRecord => r !== undefined),
};

export const integrationRecords =
  (state: SandboxState): ((kind: MainKind) => MainRecord[]) =>
  (kind) =>
    FROM_INTEGRATIONS[kind]?.(state) ?? [];
