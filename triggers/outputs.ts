/** What triggers and searches output for each kind of COR record, as data (src/records/outputs.ts derives the rest). */
import { fullName, out, type RecordOutputs } from '../src/records/outputs.js';
import { utcInstant } from '../src/records/timestamps.js';
import { maxFileBytes } from '../src/request/downloads.js';
import type { Item } from '../src/records/item.js';
import { nameOf, TASK_PRIORITIES, TASK_STATUSES, TIME_ENTRY_STATUSES } from '../src/request/config.js';

const acme = { id: 25855, name: 'Acme Corporation' };
const ana = { id: 8546, first_name: 'Ana', last_name: 'Pérez', email: 'ana@agency.com' };

export const project: RecordOutputs = {
  noun: 'Project',
  fields: [
    out('name', 'Name'),
    out('status', 'Status'),
    out('start', 'Start', 'datetime'),
    out('end', 'End', 'datetime'),
    out('brief', 'Brief'),
    out('billable', 'Billable', 'boolean'),
    out('income_type', 'Income Type'),
    out('archived', 'Archived', 'boolean'),
    out('client_id', 'Client COR ID', 'integer', ['client_id', 'client.id']),
    out('client_name', 'Client Name', 'string', 'client.name'),
    out('pm_id', 'Project Manager COR ID', 'integer', ['pm_id', 'pm.id']),
    out('pm_name', 'Project Manager Name', 'string', fullName('pm')),
    out('pm_email', 'Project Manager E-mail', 'string', 'pm.email'),
    out('created_at', 'Created At', 'datetime'),
    out('updated_at', 'Updated At', 'datetime'),
    out('updated_at_utc', 'Updated At (UTC)', 'datetime', (p) => utcInstant(p.updated_at)),
  ],
  sample: {
    id: 155693,
    name: 'Website Redesign',
    status: 'active',
    start: '2025-01-15 00:00:00',
    end: '2025-03-31 00:00:00',
    brief: 'Complete redesign',
    billable: true,
    income_type: 'fee',
    archived: false,
    client: acme,
    client_id: 25855,
    pm_id: 8546,
    pm: ana,
    created_at: '2025-01-10 14:30:00',
    updated_at: '2025-02-01 09:00:00',
  },
};

export const client: RecordOutputs = {
  noun: 'Client',
  fields: [
    out('name', 'Name'),
    out('business_name', 'Business Name'),
    out('email_contact', 'Contact E-mail'),
    out('name_contact', 'Contact First Name'),
    out('last_name_contact', 'Contact Last Name'),
    out('phone', 'Phone'),
    out('website', 'Website'),
    out('description', 'Description'),
  ],
  sample: {
    id: 25855,
    name: 'Acme Corporation',
    business_name: 'Acme Corp S.A.',
    email_contact: 'contact@acme.com',
    name_contact: 'John',
    last_name_contact: 'Doe',
    phone: '+1-555-123-4567',
    website: 'https://acme.com',
    description: 'Enterprise client',
  },
};

export const user: RecordOutputs = {
  noun: 'User',
  fields: [
    out('name', 'Full Name', 'string', fullName()),
    out('first_name', 'First Name'),
    out('last_name', 'Last Name'),
    out('email', 'E-mail'),
    out('role_id', 'Role ID', 'integer'),
    out('position_name', 'Position'),
    out('daily_hours', 'Daily Hours', 'number'),
  ],
  sample: { id: 8546, first_name: 'Ana', last_name: 'Pérez', email: 'ana@agency.com', role_id: 3, position_name: 'Project Manager', daily_hours: 8 },
};

export const timeEntry: RecordOutputs = {
  noun: 'Time Entry',
  fields: [
    out('start', 'Start', 'datetime'),
    out('stop', 'Stop', 'datetime'),
    out('duration', 'Duration (hours)'),
    out('cost', 'Cost', 'number'),
    out('status', 'Status'),
    out('status_name', 'Status Name', 'string', (h) => nameOf(TIME_ENTRY_STATUSES, h.status)),
    out('type', 'Type'),
    out('comments', 'Comments'),
    out('user_id', 'User COR ID', 'integer'),
    out('user_name', 'User Name', 'string', fullName('user')),
    out('user_email', 'User E-mail', 'string', 'user.email'),
    out('project_id', 'Project COR ID', 'integer'),
    out('project_name', 'Project Name', 'string', 'project.name'),
    out('client_id', 'Client COR ID', 'integer'),
    out('client_name', 'Client Name', 'string', 'client.name'),
    out('task_id', 'Task COR ID', 'integer', ['task.id', 'task_log_id']),
    out('task_title', 'Task Title', 'string', 'task.title'),
    out('created_at', 'Created At', 'datetime'),
  ],
  sample: {
    id: 991,
    start: '2025-02-03 09:00:00',
    stop: '2025-02-03 11:30:00',
    duration: '2.5',
    cost: 125,
    status: 'approved',
    type: 'manual',
    comments: 'Wireframes',
    user_id: 8546,
    user: ana,
    project_id: 155693,
    project: { id: 155693, name: 'Website Redesign' },
    client_id: 25855,
    client: acme,
    task: { id: 4411, title: 'Homepage wireframe' },
    created_at: '2025-02-03 11:31:00',
  },
};

export const task: RecordOutputs = {
  noun: 'Task',
  fields: [
    out('title', 'Title'),
    out('project_id', 'Project COR ID', 'integer'),
    out('description', 'Description'),
    out('deadline', 'Deadline'),
    out('status', 'Status'),
    out('status_name', 'Status Name', 'string', (t) => nameOf(TASK_STATUSES, t.status)),
    out('priority', 'Priority', 'integer'),
    out('priority_name', 'Priority Name', 'string', (t) => nameOf(TASK_PRIORITIES, t.priority)),
    out('archived', 'Archived', 'boolean'),
    // COR's task list names no project: the triggers add the names from its project list (TriggerSpec.names).
    out('project_name', 'Project Name', 'string', ['project_name', 'project.name']),
    out('client_name', 'Client Name', 'string', ['client_name', 'project.client.name']),
  ],
  sample: {
    id: 4411,
    title: 'Homepage wireframe',
    project_id: 155693,
    description: 'Low-fidelity wireframes',
    deadline: '2025-02-10',
    status: 'en_proceso',
    priority: 2,
    archived: false,
    project_name: 'Website Redesign',
    client_name: 'Acme Corporation',
  },
};

export const leave: RecordOutputs = {
  noun: 'Leave',
  fields: [
    out('user_id', 'User COR ID', 'integer'),
    out('leave_type_id', 'Leave Type COR ID', 'integer'),
    out('leave_type_name', 'Leave Type', 'string', 'leaveType.name'),
    out('start', 'Start', 'datetime'),
    out('end', 'End', 'datetime'),
    out('all_day', 'All Day', 'boolean'),
    out('created_at', 'Created At', 'datetime'),
  ],
  sample: {
    id: 20714,
    user_id: 8546,
    leave_type_id: 54321,
    leaveType: { id: 54321, name: 'Vacation' },
    start: '2026-05-11T00:00:00.000Z',
    end: '2026-05-15T23:59:00.000Z',
    all_day: true,
    created_at: '2026-04-01 10:00:00',
    updated_at: '2026-04-01 10:00:00',
  },
};

export const brand: RecordOutputs = {
  noun: 'Brand',
  fields: [out('name', 'Name'), out('client_id', 'Client COR ID', 'integer')],
  sample: { id: 310, name: 'Premium Line', client_id: 25855 },
};

export const product: RecordOutputs = {
  noun: 'Product',
  fields: [out('name', 'Name'), out('client_id', 'Client COR ID', 'integer'), out('brand_id', 'Brand COR ID', 'integer')],
  sample: { id: 920, name: 'Mobile App', client_id: 25855, brand_id: 310 },
};

/** A file COR keeps (its own storage, S3) as a file later steps receive; a link to a cloud service, or a file Zapier would not move, stays a link only. */
const storedFile = (item: Item): unknown => (['S3', undefined, null].includes(item.source as string) && !(Number(item.size) > maxFileBytes()) ? item.url : null);

/** A file on a task, as COR lists it (TaskAttachmentDetail) and as an upload answers it. */
export const taskFile: RecordOutputs = {
  noun: 'File',
  fields: [
    out('name', 'File Name', 'string', ['originalname', 'name']),
    out('size', 'Size (bytes)', 'integer'),
    out('file_type', 'Extension'),
    out('media_type', 'Media Type'),
    out('source', 'Kept In'),
    out('file', 'File', 'file', storedFile),
    out('url', 'Link'),
    out('task_id', 'Task COR ID', 'integer', ['task_log_id', 'parent_id']),
    out('status', 'Approval Status'),
    out('version', 'Version', 'integer'),
    out('user_id', 'Uploaded By (User COR ID)', 'integer', ['user_id', 'user.id']),
    out('user_name', 'Uploaded By', 'string', fullName('user')),
    out('created_at', 'Created At', 'datetime'),
  ],
  sample: {
    id: 90412,
    originalname: 'brief.pdf',
    name: 'brief.pdf',
    size: 48213,
    file_type: 'pdf',
    media_type: 'pdf',
    source: 'S3',
    url: 'https://files.projectcor.com/attachments/90412/brief.pdf',
    parent_id: 4411,
    status: 'approved',
    version: 1,
    user_id: 8546,
    user: ana,
    created_at: '2025-02-03T12:00:00Z',
  },
};

/** A file as Upload File to Task's answer gives it: COR's upload answer names the uploader by COR ID only. */
export const uploadedFile: RecordOutputs = { ...taskFile, fields: taskFile.fields.filter((f) => f.key !== 'user_name') };

/** A file of a project, as COR lists it (Attachment: the document gives these five fields only). */
export const projectFile: RecordOutputs = {
  noun: 'File',
  fields: [out('name', 'File Name'), out('type', 'Type'), out('file', 'File', 'file', storedFile), out('url', 'Link'), out('created_at', 'Created At', 'datetime')],
  sample: { id: 90412, name: 'brief.pdf', type: 'pdf', url: 'https://files.projectcor.com/attachments/90412/brief.pdf', created_at: '2025-02-03T12:00:00Z' },
};
