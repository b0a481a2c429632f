/**
 * Polling triggers over COR's main API (the Integrations API is write-only), as descriptions
 * run by src/polling.ts. Hidden triggers feed the dropdowns of the filters.
 */
import type { FieldSpec } from '../src/entity.js';
import { dropdownTrigger, pollingTrigger, type TriggerSpec } from '../src/polling.js';
import * as out from './outputs.js';

/** A COR ID picked from a dropdown (or mapped): validated as a whole number like any input. */
const dropdown = (key: string, label: string, list: string, help: string, required = false): FieldSpec => ({
  key, label, type: 'integer', min: 1, required, dynamic: `${list}.id.name`, help, example: 1,
});
const projectFilter = dropdown('project_id', 'Project', 'project_list', 'Only items of this project. Leave empty for all.');
const clientFilter = dropdown('client_id', 'Client', 'client_list', 'Only items of this client. Leave empty for all.');
const userFilter = dropdown('user_id', 'User', 'user_list', 'Only items of this user. Leave empty for all.');
/** COR's list filters take arrays of IDs; an absent filter stays absent. */
const asIds = (value: unknown) => (value === undefined ? undefined : [value]);

export const triggerSpecs: TriggerSpec[] = [
  {
    key: 'new_project', noun: 'Project', label: 'New Project', path: '/projects', sortBy: 'created_at',
    description: 'Triggers when a new project is created in COR (through the Integrations API or in COR itself).',
    inputs: [clientFilter], filters: (i) => ({ client_id: i.client_id }),
    toOutput: out.projectOutput, sample: out.projectOutput(out.samples.project), outputFields: out.projectFields,
  },
  {
    key: 'updated_project', noun: 'Project', label: 'Updated Project', path: '/projects', sortBy: 'updated_at', changeKey: 'updated_at',
    description: 'Triggers when a COR project is changed (new projects included): once per change, keyed by the project and its update time.',
    inputs: [clientFilter], filters: (i) => ({ client_id: i.client_id }),
    toOutput: out.projectOutput, sample: out.projectOutput(out.samples.project), outputFields: out.projectFields,
  },
  {
    key: 'new_client', noun: 'Client', label: 'New Client', path: '/clients', sortBy: 'id',
    description: 'Triggers when a new client is created in COR. COR gives clients no creation time, so "new" means a client ID not seen before; changes to existing clients do not trigger.',
    toOutput: out.clientOutput, sample: out.clientOutput(out.samples.client), outputFields: out.clientFields,
  },
  {
    key: 'new_user', noun: 'User', label: 'New User', path: '/users', sortBy: 'id',
    description: 'Triggers when a new user is added to COR (a user ID not seen before).',
    toOutput: out.userOutput, sample: out.userOutput(out.samples.user), outputFields: out.userFields,
  },
  {
    key: 'updated_user', noun: 'User', label: 'Updated User', path: '/users', sortBy: 'updated_at', changeKey: 'updated_at',
    description: "Triggers when a COR user is changed, once per change. COR's user list does not document an update time: where COR sends none, only new users are seen.",
    toOutput: out.userOutput, sample: out.userOutput(out.samples.user), outputFields: out.userFields,
  },
  {
    key: 'new_time_entry', noun: 'Time Entry', label: 'New Time Entry', path: '/hours', sortBy: 'created_at',
    description: 'Triggers when a new time entry (hours) is logged in COR, with its user, project, client and task names.',
    inputs: [projectFilter, userFilter, clientFilter],
    filters: (i) => ({ projects: asIds(i.project_id), users: asIds(i.user_id), clients: asIds(i.client_id) }),
    toOutput: out.timeEntryOutput, sample: out.timeEntryOutput(out.samples.timeEntry), outputFields: out.timeEntryFields,
  },
  {
    key: 'new_task', noun: 'Task', label: 'New Task', path: '/tasks', sortBy: 'id',
    description: 'Triggers when a new task is created in COR. COR gives tasks no creation time, so "new" means a task ID not seen before; task changes do not trigger.',
    inputs: [projectFilter], filters: (i) => ({ projects: asIds(i.project_id) }),
    toOutput: out.taskOutput, sample: out.taskOutput(out.samples.task), outputFields: out.taskFields,
  },
  {
    key: 'new_leave', noun: 'Leave', label: 'New Leave', path: '/user/leaves', sortBy: 'created_at',
    description: "Triggers when a new leave (time off) is registered for a COR user. COR lists leaves per user, so pick the user.",
    inputs: [dropdown('user_id', 'User', 'user_list', 'The user whose leaves to watch.', true)],
    params: (i) => ({ usersId: i.user_id as number, offset: 1, size: 50 }),
    toOutput: out.leaveOutput, sample: out.leaveOutput(out.samples.leave), outputFields: out.leaveFields,
  },
];

const triggerList = [
  ...triggerSpecs.map(pollingTrigger),
  dropdownTrigger({ key: 'project_list', noun: 'Project', path: '/projects', label: (p) => String(p.name) }),
  dropdownTrigger({ key: 'client_list', noun: 'Client', path: '/clients', label: (c) => String(c.name) }),
  dropdownTrigger({
    key: 'user_list', noun: 'User', path: '/users',
    label: (u) => `${[u.first_name, u.last_name].filter(Boolean).join(' ')}${u.email ? ` (${String(u.email)})` : ''}`,
  }),
];

export const triggers = Object.fromEntries(triggerList.map((t) => [t.key, t])) as Record<string, (typeof triggerList)[number]>;
