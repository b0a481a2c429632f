/** COR main-API items → what Zap builders get: linked records' names flattened in, labelled fields. */
import type { Item } from '../src/lists.js';
import type { OutputField } from '../src/triggers.js';

const obj = (value: unknown): Item => (value && typeof value === 'object' ? (value as Item) : {});
const fullName = (person: Item): string | null => ([person.first_name, person.last_name].filter(Boolean).join(' ') || null);

export const projectOutput = (p: Item): Item => ({
  id: p.id,
  name: p.name,
  status: p.status ?? null,
  start: p.start ?? null,
  end: p.end ?? null,
  brief: p.brief ?? null,
  billable: p.billable ?? null,
  income_type: p.income_type ?? null,
  archived: p.archived ?? null,
  client_id: p.client_id ?? obj(p.client).id ?? null,
  client_name: obj(p.client).name ?? null,
  pm_id: p.pm_id ?? obj(p.pm).id ?? null,
  pm_name: fullName(obj(p.pm)),
  pm_email: obj(p.pm).email ?? null,
  created_at: p.created_at ?? null,
  updated_at: p.updated_at ?? null,
});

export const clientOutput = (c: Item): Item => ({
  id: c.id,
  name: c.name,
  business_name: c.business_name ?? null,
  email_contact: c.email_contact ?? null,
  name_contact: c.name_contact ?? null,
  last_name_contact: c.last_name_contact ?? null,
  phone: c.phone ?? null,
  website: c.website ?? null,
  description: c.description ?? null,
});

export const userOutput = (u: Item): Item => ({
  id: u.id,
  name: fullName(u),
  first_name: u.first_name ?? null,
  last_name: u.last_name ?? null,
  email: u.email ?? null,
  role_id: u.role_id ?? null,
  position_name: u.position_name ?? null,
  daily_hours: u.daily_hours ?? null,
});

export const timeEntryOutput = (h: Item): Item => ({
  id: h.id,
  start: h.start ?? null,
  stop: h.stop ?? null,
  duration: h.duration ?? null,
  cost: h.cost ?? null,
  status: h.status ?? null,
  type: h.type ?? null,
  comments: h.comments ?? null,
  user_id: h.user_id ?? null,
  user_name: fullName(obj(h.user)),
  user_email: obj(h.user).email ?? null,
  project_id: h.project_id ?? null,
  project_name: obj(h.project).name ?? null,
  client_id: h.client_id ?? null,
  client_name: obj(h.client).name ?? null,
  task_id: obj(h.task).id ?? null,
  task_title: obj(h.task).title ?? null,
  created_at: h.created_at ?? null,
});

export const taskOutput = (t: Item): Item => ({
  id: t.id,
  title: t.title,
  project_id: t.project_id ?? null,
  description: t.description ?? null,
  deadline: t.deadline ?? null,
  status: t.status ?? null,
  priority: t.priority ?? null,
  archived: t.archived ?? null,
});

export const leaveOutput = (l: Item): Item => ({
  id: l.id,
  user_id: l.user_id ?? null,
  leave_type_id: l.leave_type_id ?? null,
  leave_type_name: obj(l.leaveType).name ?? null,
  start: l.start ?? null,
  end: l.end ?? null,
  all_day: l.all_day ?? null,
  created_at: l.created_at ?? null,
  updated_at: l.updated_at ?? null,
});

type Field = OutputField;
const f = (key: string, label: string, type?: Field['type']): Field => (type ? { key, label, type } : { key, label });

export const projectFields: Field[] = [
  f('cor_id', 'Project COR ID', 'integer'), f('name', 'Name'), f('status', 'Status'), f('start', 'Start'), f('end', 'End'), f('brief', 'Brief'),
  f('billable', 'Billable', 'boolean'), f('income_type', 'Income Type'), f('archived', 'Archived', 'boolean'), f('client_id', 'Client COR ID', 'integer'),
  f('client_name', 'Client Name'), f('pm_id', 'Project Manager COR ID', 'integer'), f('pm_name', 'Project Manager Name'), f('pm_email', 'Project Manager E-mail'),
  f('created_at', 'Created At', 'datetime'), f('updated_at', 'Updated At', 'datetime'),
];
export const clientFields: Field[] = [
  f('cor_id', 'Client COR ID', 'integer'), f('name', 'Name'), f('business_name', 'Business Name'), f('email_contact', 'Contact E-mail'), f('name_contact', 'Contact First Name'),
  f('last_name_contact', 'Contact Last Name'), f('phone', 'Phone'), f('website', 'Website'), f('description', 'Description'),
];
export const userFields: Field[] = [
  f('cor_id', 'User COR ID', 'integer'), f('name', 'Full Name'), f('first_name', 'First Name'), f('last_name', 'Last Name'), f('email', 'E-mail'),
  f('role_id', 'Role ID', 'integer'), f('position_name', 'Position'), f('daily_hours', 'Daily Hours', 'number'),
];
export const timeEntryFields: Field[] = [
  f('cor_id', 'Time Entry COR ID', 'integer'), f('start', 'Start', 'datetime'), f('stop', 'Stop', 'datetime'), f('duration', 'Duration'), f('cost', 'Cost', 'number'),
  f('status', 'Status'), f('type', 'Type'), f('comments', 'Comments'), f('user_id', 'User COR ID', 'integer'), f('user_name', 'User Name'), f('user_email', 'User E-mail'),
  f('project_id', 'Project COR ID', 'integer'), f('project_name', 'Project Name'), f('client_id', 'Client COR ID', 'integer'), f('client_name', 'Client Name'),
  f('task_id', 'Task COR ID', 'integer'), f('task_title', 'Task Title'), f('created_at', 'Created At', 'datetime'),
];
export const taskFields: Field[] = [
  f('cor_id', 'Task COR ID', 'integer'), f('title', 'Title'), f('project_id', 'Project COR ID', 'integer'), f('description', 'Description'), f('deadline', 'Deadline'),
  f('status', 'Status'), f('priority', 'Priority', 'integer'), f('archived', 'Archived', 'boolean'),
];
export const leaveFields: Field[] = [
  f('cor_id', 'Leave COR ID', 'integer'), f('user_id', 'User COR ID', 'integer'), f('leave_type_id', 'Leave Type COR ID', 'integer'), f('leave_type_name', 'Leave Type'),
  f('start', 'Start', 'datetime'), f('end', 'End', 'datetime'), f('all_day', 'All Day', 'boolean'), f('created_at', 'Created At', 'datetime'),
];

export const samples = {
  project: {
    id: 155693, name: 'Website Redesign', status: 'active', start: '2025-01-15 00:00:00', end: '2025-03-31 00:00:00', brief: 'Complete redesign', billable: true,
    income_type: 'fee', archived: false, client: { id: 25855, name: 'Acme Corporation' }, client_id: 25855, pm_id: 8546,
    pm: { id: 8546, first_name: 'Ana', last_name: 'Pérez', email: 'ana@agency.com' }, created_at: '2025-01-10 14:30:00', updated_at: '2025-02-01 09:00:00',
  },
  client: { id: 25855, name: 'Acme Corporation', business_name: 'Acme Corp S.A.', email_contact: 'contact@acme.com', name_contact: 'John', last_name_contact: 'Doe', phone: '+1-555-123-4567', website: 'https://acme.com', description: 'Enterprise client' },
  user: { id: 8546, first_name: 'Ana', last_name: 'Pérez', email: 'ana@agency.com', role_id: 3, position_name: 'Project Manager', daily_hours: 8 },
  timeEntry: {
    id: 991, start: '2025-02-03 09:00:00', stop: '2025-02-03 11:30:00', duration: '02:30:00', cost: 125, status: 'approved', type: 'manual', comments: 'Wireframes',
    user_id: 8546, user: { id: 8546, first_name: 'Ana', last_name: 'Pérez', email: 'ana@agency.com' }, project_id: 155693, project: { id: 155693, name: 'Website Redesign' },
    client_id: 25855, client: { id: 25855, name: 'Acme Corporation' }, task: { id: 4411, title: 'Homepage wireframe' }, created_at: '2025-02-03 11:31:00',
  },
  task: { id: 4411, title: 'Homepage wireframe', project_id: 155693, description: 'Low-fidelity wireframes', deadline: '2025-02-10', status: 'en_proceso', priority: 2, archived: false },
  leave: { id: 12345, user_id: 8546, leave_type_id: 54321, leaveType: { id: 54321, name: 'Vacation' }, start: '2026-05-11 00:00:00', end: '2026-05-15 23:59:00', all_day: true, created_at: '2026-04-01 10:00:00', updated_at: '2026-04-01 10:00:00' },
};
