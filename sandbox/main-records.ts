/** What the Integrations API created, as COR's main API lists it: COR IDs, linked names, naive timestamps. */
import { ENTITIES } from './contract.js';
import { corTime, type MainKind, type MainRecord } from './main-api.js';
import type { SandboxState, StoredEntity } from './state.js';

export const integrationRecords = (state: SandboxState): ((kind: MainKind) => MainRecord[]) => {
  const time = (iso: string) => Date.parse(iso);
  /** A project as COR's main API lists it: COR IDs, the linked client and PM, naive timestamps. */
  const projectItem = (stored: StoredEntity) => {
    const entity = ENTITIES.find((e) => e.kind === 'projects')!;
    const client = stored.fields.client_id ? state.table(stored.source, 'clients').get(String(stored.fields.client_id)) : undefined;
    const pm = stored.fields.pm_id ? state.table(stored.source, 'users').get(String(stored.fields.pm_id)) : undefined;
    return {
      ...state.present(entity, stored),
      id: stored.corId,
      created_at: corTime(time(stored.created_at)),
      updated_at: corTime(time(stored.updated_at)),
      client: client ? { id: client.corId, name: client.fields.name } : null,
      pm: pm ? { id: pm.corId, first_name: pm.fields.first_name, last_name: pm.fields.last_name, email: pm.fields.email } : null,
    };
  };
  const presented = (kind: string, stored: StoredEntity) => ({ ...state.present(ENTITIES.find((e) => e.kind === kind)!, stored), id: stored.corId });
  const record = (stored: StoredEntity, item: Record<string, unknown>, userId?: number): MainRecord => ({
    id: stored.corId,
    item,
    createdAt: time(stored.created_at),
    updatedAt: time(stored.updated_at),
    ...(userId !== undefined ? { userId } : {}),
  });
  const leaveRecord = (l: StoredEntity): MainRecord | undefined => {
    const user = state.table(l.source, 'users').get(String(l.fields.userId));
    const type = state.table(l.source, 'leave-types').get(String(l.fields.leaveTypeId));
    if (!user) return undefined;
    return record(
      l,
      {
        id: l.corId,
        user_id: user.corId,
        leave_type_id: type?.corId ?? null,
        leaveType: { id: type?.corId ?? null, name: type?.fields.name ?? null },
        start: l.fields.start,
        end: l.fields.end,
        all_day: l.fields.allDay,
        created_at: corTime(time(l.created_at)),
        updated_at: corTime(time(l.updated_at)),
      },
      user.corId,
    );
  };
  const FROM_INTEGRATIONS: Partial<Record<MainKind, () => MainRecord[]>> = {
    projects: () => state.allOf('projects').map((p) => record(p, projectItem(p))),
    // COR's client and user lists carry no timestamps.
    clients: () => state.allOf('clients').map((c) => record(c, { id: c.corId, ...c.fields })),
    users: () =>
      state.allOf('users').map((u) =>
        record(u, {
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
        }),
      ),
    // Brands and products as COR lists them: COR IDs for the records they name.
    brands: () => state.allOf('brands').map((b) => record(b, presented('brands', b))),
    products: () => state.allOf('products').map((p) => record(p, presented('products', p))),
    contracts: () => state.allOf('contracts').map((c) => record(c, { id: c.corId, name: c.fields.name, status: c.fields.status ?? null, created_at: corTime(time(c.created_at)) })),
    leaves: () =>
      state
        .allOf('leaves')
        .map(leaveRecord)
        .filter((r): r is MainRecord => r !== undefined),
  };
  return (kind) => FROM_INTEGRATIONS[kind]?.() ?? [];
};
