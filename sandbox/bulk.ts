/**
 * Main-API records made in bulk, shaped as COR's OpenAPI shows them: tens of thousands in a
 * moment, for the trigger suites and the benchmark. Users carry no timestamps in COR's lists
 * (only the filters know them); projects and time entries carry COR's naive ones; files, ISO ones.
 */
import { corTime, type MainKind, type MainRecord } from './main-api.js';
import { fileDetail } from './writes/attachments.js';

const PEOPLE = ['Ana Pérez', 'Bo Li', 'Carla Díaz', 'Dan Smith', 'Eva Costa'];
const ANA = { id: 8546, first_name: 'Ana', last_name: 'Pérez' };

/** The bytes of a bulk file: the small file the sandbox serves to anyone at /__sandbox/files/:name (server.ts). */
const bulkFileBytes = (name: string): number => Buffer.byteLength(`A file of the COR sandbox: ${name}\n`) * 64;

/**
 * The item COR would list for record `id` of a kind, created at `at`. `owner`: the user a time entry
 * or a leave belongs to; the task a file is on.
 */
const ITEMS: Record<MainKind, (id: number, at: number, owner: number) => Record<string, unknown>> = {
  projects: (id, at) => ({
    id,
    name: `Project ${id}`,
    brief: 'Bulk project',
    client_id: 25855,
    client: { id: 25855, name: 'Acme Corporation', client_status_id: 1 },
    pm_id: 8546,
    pm: { id: 8546, first_name: 'Ana', last_name: 'Pérez', email: 'ana@agency.com', role_id: 3 },
    status: 'active',
    health: 1,
    start: corTime(at),
    end: corTime(at + 90 * 86_400_000),
    archived: false,
    billable: true,
    income_type: 'fee',
    created_at: corTime(at),
    updated_at: corTime(at),
  }),
  clients: (id) => ({
    id,
    name: `Client ${id}`,
    business_name: `Client ${id} S.A.`,
    email_contact: `client${id}@example.com`,
    name_contact: 'John',
    last_name_contact: 'Doe',
    phone: '+1-555-0100',
    website: null,
    description: null,
  }),
  users: (id) => {
    const [first, last] = PEOPLE[id % PEOPLE.length]!.split(' ');
    return { id, first_name: first, last_name: `${last} ${id}`, email: `user${id}@agency.com`, role_id: 4, daily_hours: 8, position_name: null, hidden: false, gmt: '-03:00', labels: [], leaves: [] };
  },
  hours: (id, at, userId) => ({
    id,
    start: corTime(at - 3_600_000),
    stop: corTime(at),
    duration: '1.0000000000000000',
    cost: 50,
    user_id: userId,
    project_id: 155693,
    client_id: 25855,
    created_at: corTime(at),
    status: 'pending',
    type: 'TASK',
    comments: null,
    user: { id: userId, first_name: 'Ana', last_name: 'Pérez' },
    project: { id: 155693, name: 'Website Redesign' },
    client: { id: 25855, name: 'Acme Corporation' },
    task: { id: 4411, title: 'Homepage wireframe' },
  }),
  tasks: (id) => ({ id, title: `Task ${id}`, project_id: 155693, description: null, deadline: null, status: 'nueva', priority: 1, archived: false }),
  contracts: (id, at) => ({ id, name: `Contract ${id}`, client_id: 25855, status: 'active', created_at: corTime(at) }),
  brands: (id, at) => ({ id, name: `Brand ${id}`, client_id: 25855, created_at: corTime(at), updated_at: corTime(at) }),
  products: (id, at) => ({ id, name: `Product ${id}`, client_id: 25855, brand_id: 310, created_at: corTime(at), updated_at: corTime(at) }),
  leaves: (id, at, userId) => ({
    id,
    user_id: userId,
    company_id: 2336,
    leave_type_id: 12,
    start: new Date(at).toISOString(),
    end: new Date(at + 3_600_000).toISOString(),
    created_at: corTime(at),
    updated_at: corTime(at),
    deleted_at: null,
    all_day: false,
    leaveType: { id: 12, name: 'Vacation' },
  }),
  // An uploaded file kept by COR (S3); its link is on the sandbox (the list adds the origin) and serves its bytes.
  attachments: (id, at, taskId) => {
    const name = `file-${id}.txt`;
    const kept = { id, name, url: `/__sandbox/files/${name}`, created_at: new Date(at).toISOString(), file_type: 'txt', source: 'S3', size: bulkFileBytes(name), user_id: ANA.id };
    return fileDetail(taskId, kept, ANA);
  },
};

/**
 * `count` records with the COR IDs `nextId()` gives, created `spacingMs` apart, the last at `until`;
 * `owner` is the user they belong to (a leave's, a time entry's), or for files the task they are on.
 */
export const makeRecords = (kind: MainKind, count: number, nextId: () => number, until: number, owner = 8546, spacingMs = 3_600_000): MainRecord[] =>
  Array.from({ length: count }, (_, i) => {
    const id = nextId();
    const at = until - (count - 1 - i) * spacingMs;
    return { id, item: ITEMS[kind](id, at, owner), createdAt: at, updatedAt: at, ...(kind === 'attachments' ? {} : { userId: owner }) };
  });

/** What a change in COR looks like in a list: a new update time, and a detail that differs. */
export const touchRecord = (kind: MainKind, record: MainRecord, at: number): void => {
  record.updatedAt = at;
  // A file keeps its name, link and bytes (a new version is a file of its own): its approval is what changes.
  if (kind === 'attachments') {
    Object.assign(record.item, { status: 'approved', updated_at: new Date(at).toISOString() });
    return;
  }
  if ('updated_at' in record.item) record.item.updated_at = corTime(at);
  if (kind === 'users') record.item.position_name = `Position of ${corTime(at)}`;
  if (kind === 'projects') record.item.brief = `Changed at ${corTime(at)}`;
  // Tasks and time entries move on to their next status, as work does.
  if (kind === 'tasks') record.item.status = NEXT_TASK_STATUS[String(record.item.status)] ?? 'en_proceso';
  if (kind === 'hours') Object.assign(record.item, { status: NEXT_HOUR_STATUS[String(record.item.status)] ?? 'approved', status_changed_at: corTime(at) });
};

const NEXT_TASK_STATUS: Record<string, string> = { nueva: 'en_proceso', en_proceso: 'estancada', estancada: 'finalizada', finalizada: 'nueva' };
const NEXT_HOUR_STATUS: Record<string, string> = { pending: 'approved', approved: 'invoiced', invoiced: 'paid', paid: 'pending' };
