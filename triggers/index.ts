/**
 * Polling triggers over COR's main API (the Integrations API is write-only), as descriptions
 * run by src/reading/polling.ts. Hidden triggers feed the dropdowns of the filters.
 */
import type { FieldSpec } from '../src/model/entity.js';
import { MAX_BURST_PAGES, MAX_SCAN_PAGES, thousands } from '../src/reading/polling.js';
import type { Item } from '../src/reading/lists.js';
import { pickField } from '../src/model/fields.js';
import { TASK_STATUSES, TIME_ENTRY_STATUSES } from '../src/request/config.js';
import { dropdownTrigger, idInput, type NameSource, pollingTrigger, type TriggerSpec } from '../src/reading/triggers.js';
import { fullName } from '../src/records/outputs.js';
import * as out from './outputs.js';
import { taskProjectFilter } from '../creates/main/picks.js';
import { MAX_FILE_TEXT } from '../src/request/downloads.js';

/** A COR ID picked from a dropdown (or mapped): validated as a whole number like any input. */
const dropdown = (key: string, label: string, list: string, help: string, required = false): FieldSpec => pickField(key, label, list, { help, required });
const projectFilter = dropdown('project_id', 'Project', 'list_projects', 'Only items of this project. Leave empty for all.');
const clientFilter = dropdown('client_id', 'Client', 'list_clients', 'Only items of this client. Leave empty for all.');
const userFilter = dropdown('user_id', 'User', 'list_users', 'Only items of this user. Leave empty for all.');
const statusFilter: FieldSpec = {
  key: 'status',
  label: 'Status',
  type: 'string',
  example: 'in_process',
  help: 'Only projects with this status. Leave empty for all.',
  choices: [
    { value: 'in_process', label: 'In Process' },
    { value: 'finished', label: 'Finished' },
    { value: 'suspended', label: 'Suspended' },
  ],
};
const archivedFilter: FieldSpec = {
  key: 'archived',
  label: 'Archived',
  type: 'integer',
  example: 2,
  help: 'Only active or only archived projects. Leave empty for both.',
  choices: [
    { value: 2, label: 'Active Projects Only' },
    { value: 1, label: 'Archived Projects Only' },
  ],
};
const projectFilters = [clientFilter, statusFilter, archivedFilter];
const taskStatusFilter: FieldSpec = {
  key: 'status',
  label: 'New Status',
  type: 'string',
  choices: TASK_STATUSES,
  example: 'finalizada',
  help: 'Only tasks that move into this status. Leave empty for every change.',
};
const hourStatusFilter: FieldSpec = {
  key: 'status',
  label: 'New Status',
  type: 'string',
  choices: TIME_ENTRY_STATUSES,
  example: 'approved',
  help: 'Only entries that move into this status. Leave empty for every change.',
};
/** A task's project and client, by name: COR's task list gives the project's COR ID only. */
const taskNames: NameSource = { path: '/projects', plural: 'projects', key: 'project_id', fields: { project_name: 'name', client_name: 'client.name' } };
/** How far back Time Entry Status Changed looks: entries that started in the last 90 days. */
const HOURS_WINDOW_DAYS = 90;
const projectQuery = (i: Record<string, unknown>) => ({ client_id: i.client_id, status: i.status, archived: i.archived });
/** COR's list filters take arrays of IDs; an absent filter stays absent. */
const asIds = (value: unknown) => (value === undefined ? undefined : [value]);
/** COR filters users "updated on or after" a date: two days back covers every poll interval and time zone. */
const UPDATED_WINDOW_DAYS = 2;
const daysAgo = (days: number): string => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

const SCAN_LIMIT = thousands(MAX_SCAN_PAGES * 50);
/** How many new records between two polls a New trigger returns in full (a poll reads back to where the last one stopped). */
const BURST = thousands(MAX_BURST_PAGES * 50);

export const triggerSpecs: TriggerSpec[] = [
  {
    noun: 'Project',
    label: 'New Project',
    path: '/projects',
    plural: 'projects',
    read: 'newest',
    description: `Triggers when a new project is created. Up to ${BURST} made between two polls all fire.`,
    inputs: projectFilters,
    filters: projectQuery,
    outputs: out.project,
  },
  {
    noun: 'Project',
    label: 'Updated Project',
    path: '/projects',
    plural: 'projects',
    read: 'scan',
    changedBy: 'updated_at',
    // The change time in one form per instant: were COR to write it otherwise, no project fires again.
    primary: ['cor_id', 'updated_at_utc'],
    narrowWith: 'the Client, Status or Archived filter',
    description: `Triggers when a project is created or changed. Each poll reads up to ${SCAN_LIMIT} matching projects; use the filters to narrow them.`,
    inputs: projectFilters,
    filters: projectQuery,
    outputs: out.project,
  },
  {
    noun: 'Client',
    label: 'New Client',
    path: '/clients',
    plural: 'clients',
    read: 'newest',
    description: `Triggers when a new client is created, not when one changes. Up to ${BURST} made between two polls all fire.`,
    outputs: out.client,
  },
  {
    noun: 'User',
    label: 'New User',
    path: '/users',
    plural: 'users',
    read: 'newest',
    description: `Triggers when a new user is added. Up to ${BURST} added between two polls all fire.`,
    outputs: out.user,
  },
  {
    noun: 'User',
    label: 'Updated User',
    path: '/users',
    plural: 'users',
    read: 'scan',
    primary: ['cor_id', 'first_name', 'last_name', 'email', 'role_id', 'position_name', 'daily_hours'],
    filters: () => ({ updatedAt: daysAgo(UPDATED_WINDOW_DAYS) }),
    description: "Triggers when a user's name, e-mail, role, position or daily hours change. A change back to details already seen does not trigger it.",
    outputs: out.user,
  },
  {
    noun: 'Time Entry',
    label: 'New Time Entry',
    path: '/hours',
    plural: 'time entries',
    read: 'newest',
    description: `Triggers when a new time entry is logged, with its user, project, client and task names. Up to ${BURST} between two polls all fire.`,
    inputs: [projectFilter, userFilter, clientFilter],
    filters: (i) => ({ projects: asIds(i.project_id), users: asIds(i.user_id), clients: asIds(i.client_id) }),
    outputs: out.timeEntry,
  },
  {
    noun: 'Task',
    label: 'New Task',
    path: '/tasks',
    plural: 'tasks',
    read: 'newest',
    description: `Triggers when a new task is created, not when one changes. Up to ${BURST} made between two polls all fire.`,
    inputs: [projectFilter],
    filters: (i) => ({ projects: asIds(i.project_id) }),
    names: taskNames,
    outputs: out.task,
  },
  {
    noun: 'Task',
    label: 'Task Status Changed',
    path: '/tasks',
    plural: 'tasks',
    read: 'scan',
    primary: ['cor_id', 'status'],
    narrowWith: 'the Project or New Status filter',
    description: `Triggers when a task moves to another status, or only into the one you pick. Each poll reads up to ${SCAN_LIMIT} matching tasks.`,
    inputs: [projectFilter, taskStatusFilter],
    filters: (i) => ({ projects: asIds(i.project_id), status: i.status }),
    names: taskNames,
    outputs: out.task,
  },
  {
    noun: 'Task',
    label: 'Updated Task',
    path: '/tasks',
    plural: 'tasks',
    read: 'scan',
    // COR's task list gives no update time: a change is a new title, status, deadline, priority or project.
    primary: ['cor_id', 'title', 'status', 'deadline', 'priority', 'project_id'],
    narrowWith: 'the Project filter',
    description: `Triggers when a task's title, status, deadline, priority or project changes. Each poll reads up to ${SCAN_LIMIT} matching tasks.`,
    inputs: [projectFilter],
    filters: (i) => ({ projects: asIds(i.project_id) }),
    names: taskNames,
    outputs: out.task,
  },
  {
    noun: 'Time Entry',
    label: 'Time Entry Status Changed',
    path: '/hours',
    plural: 'time entries',
    read: 'scan',
    primary: ['cor_id', 'status'],
    narrowWith: 'the Project or User filter',
    description: `Triggers when a time entry's status changes (approved, invoiced, …), for entries that started in the last ${HOURS_WINDOW_DAYS} days.`,
    inputs: [projectFilter, userFilter, hourStatusFilter],
    filters: (i) => ({ projects: asIds(i.project_id), users: asIds(i.user_id), dateStart: daysAgo(HOURS_WINDOW_DAYS) }),
    // COR's time entry list has no status filter: the chosen status is kept from what it lists.
    keep: (i, item) => i.status === undefined || item.status === i.status,
    outputs: out.timeEntry,
  },
  {
    noun: 'Brand',
    label: 'New Brand',
    path: '/brands',
    plural: 'brands',
    read: 'newest',
    description: `Triggers when a new brand is created. Up to ${BURST} made between two polls all fire.`,
    outputs: out.brand,
  },
  {
    noun: 'Product',
    label: 'New Product',
    path: '/products',
    plural: 'products',
    read: 'newest',
    description: `Triggers when a new product is created. Up to ${BURST} made between two polls all fire.`,
    outputs: out.product,
  },
  {
    noun: 'Leave',
    label: 'New Leave',
    path: '/user/leaves',
    plural: 'leaves',
    read: 'scan',
    paging: 'offset',
    description: 'Triggers when a new leave (time off) is registered for the user you pick.',
    inputs: [dropdown('user_id', 'User', 'list_users', 'The user whose leaves to watch.', true)],
    params: (i) => ({ usersId: i.user_id as number }),
    outputs: out.leave,
  },
  {
    noun: 'File',
    label: 'New File on Task',
    path: '/tasks/{task_id}/attachments',
    plural: 'files',
    read: 'newest',
    paging: 'per_page',
    description: `Triggers when a file is added to a task. Uploaded files reach later steps as files (up to ${MAX_FILE_TEXT}); cloud links as links.`,
    inputs: [taskProjectFilter, dropdown('task_id', 'Task', 'list_tasks', "The task whose files to watch. Fill in Project of the Task above to list one project's tasks only.", true)],
    outputs: out.taskFile,
  },
  {
    noun: 'File',
    label: 'New File in Project',
    path: '/projects/{project_id}/attachments',
    plural: 'files',
    read: 'newest',
    // COR lists a project's files in one answer, with no paging.
    paging: 'none',
    description: `Triggers when a file is added to a project. Uploaded files reach later steps as files, up to ${MAX_FILE_TEXT}.`,
    inputs: [dropdown('project_id', 'Project', 'list_projects', 'The project whose files to watch.', true)],
    outputs: out.projectFile,
  },
];

/** "2025-02-03 · Ana Pérez · Homepage wireframe · 02:30:00": a time entry as the Zap builder recognises it. */
const timeEntryName = (h: Item): string => {
  // COR gives the duration in hours, as text ("2.5000000000000000").
  const hours = h.duration === null || h.duration === undefined || h.duration === '' ? Number.NaN : Number(h.duration);
  const parts = [String(h.start ?? '').slice(0, 10), fullName('user')(h), (h.task as Item | undefined)?.title, Number.isFinite(hours) ? `${hours} h` : h.duration];
  return parts.filter((part) => typeof part === 'string' && part !== '').join(' · ');
};
const personName = (u: Item): string => `${[u.first_name, u.last_name].filter(Boolean).join(' ')}${u.email ? ` (${String(u.email)})` : ''}`;
/** ISO 4217 codes with their English names, from the runtime when the dropdown opens: no request, no list in the definition. */
const currencies = () => Intl.supportedValuesOf('currency').map((code) => ({ id: code, name: `${code} (${new Intl.DisplayNames('en', { type: 'currency' }).of(code)})` }));

const triggerList = [
  ...triggerSpecs.map(pollingTrigger),
  dropdownTrigger({ plural: 'Projects', noun: 'Project', path: '/projects', label: (p) => String(p.name) }),
  dropdownTrigger({ plural: 'Clients', noun: 'Client', path: '/clients', label: (c) => String(c.name) }),
  dropdownTrigger({ plural: 'Users', noun: 'User', path: '/users', label: personName }),
  // Tasks of the project picked in the step (Project of the Task), where it has one.
  dropdownTrigger({ plural: 'Tasks', noun: 'Task', path: '/tasks', label: (t) => String(t.title), filters: (i) => ({ projects: asIds(idInput(i.in_project_id)) }) }),
  dropdownTrigger({ plural: 'Contracts', noun: 'Contract', path: '/contracts', label: (c) => String(c.name) }),
  dropdownTrigger({ plural: 'Project Templates', noun: 'Project Template', path: '/projectTemplates', label: (t) => String(t.name) }),
  dropdownTrigger({ plural: 'Brands', noun: 'Brand', path: '/brands', label: (b) => String(b.name) }),
  dropdownTrigger({ plural: 'Products', noun: 'Product', path: '/products', label: (p) => String(p.name) }),
  dropdownTrigger({ plural: 'Time Entries', noun: 'Time Entry', path: '/hours', label: timeEntryName }),
  // COR lists project labels inside their categories, all in one answer.
  dropdownTrigger({
    plural: 'Project Labels',
    noun: 'Project Label',
    path: '/categories/labels-model',
    params: { model: 'project' },
    paging: 'none',
    label: (c) => String(c.name),
    entries: (c) => (Array.isArray(c.labels) ? (c.labels as Item[]) : []).filter((l) => idInput(l.id)).map((l) => ({ id: String(l.id), name: `${String(c.name)} › ${String(l.name)}` })),
    sample: { id: '3001', name: 'Development Team › Backend' },
  }),
  dropdownTrigger({ plural: 'Currencies', noun: 'Currency', options: currencies, label: (c) => String(c.name), sample: { id: 'USD', name: 'USD (US Dollar)' } }),
];

export const triggers = Object.fromEntries(triggerList.map((t) => [t.key, t])) as Record<string, (typeof triggerList)[number]>;
