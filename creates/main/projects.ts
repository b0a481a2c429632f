/**
 * Projects in COR, by COR ID (main API v1): https://developers.projectcor.com/api-reference/projects/
 * {create-a-project,update-a-project,add-project-collaborators,post-project-message,add-project-cost}
 */
import { incomeTypeField } from '../project-fields.js';
import { defineEntity, type FieldSpec, optional } from '../../src/model/entity.js';
import { pickField } from '../../src/model/fields.js';
import { PROJECT_STATUSES } from '../../src/request/config.js';
import { project } from '../../triggers/outputs.js';
import { clientPick, projectPick, userPick, usersPick } from './picks.js';

const name: FieldSpec = { key: 'name', label: 'Name', type: 'string', required: true, example: 'Website Redesign' };
/** What both the create and the update take, as COR's ProjectInput and ProjectPutUpdateBody name them. */
const shared: FieldSpec[] = [
  { key: 'brief', label: 'Brief', type: 'text', help: "The project's description.", example: 'Complete redesign of the corporate website' },
  { key: 'start', label: 'Start Date', type: 'date', example: '2025-01-15' },
  { key: 'end', label: 'End Date', type: 'date', help: 'On or after the Start Date.', example: '2025-03-31' },
  userPick('pm_id', 'Project Manager', 'The COR user who manages the project.'),
  pickField('contract_id', 'Contract', 'list_contracts', { help: 'The contract the project bills against.', example: 4521 }),
  {
    key: 'estimated_time',
    label: 'Estimated Time (hours)',
    type: 'number',
    min: 0,
    help: "The project's time estimate as one total (COR's default), rather than per position or per category.",
    example: 200,
  },
  { key: 'estimated', label: 'Estimated Amount', type: 'number', min: 0, help: "A sum of money, not hours: COR's estimated monetary value of the project.", example: 15000 },
  { key: 'billable', label: 'Billable', type: 'boolean', example: true },
  incomeTypeField,
  { key: 'status', label: 'Status', type: 'string', choices: PROJECT_STATUSES, help: 'Whether the project is running, done or on hold.', example: 'active' },
  { key: 'evaluation_date', label: 'Evaluation Date', type: 'date', example: '2025-04-15' },
  { key: 'deliverables', label: 'Deliverables', type: 'text', example: 'Homepage, 12 inner pages, style guide' },
  { key: 'work_order', label: 'Work Order', type: 'string', help: 'Your work order number or code, as free text.', example: 'WO-2025-001' },
  pickField('labels', 'Labels', 'list_project_labels', { help: "Labels from your company's project categories.", many: true, maxItems: 50, example: 3001 }),
];
const dateOrder = [{ before: 'start', after: 'end' }];

export default defineEntity({
  noun: 'Project',
  api: 'main',
  operations: [
    {
      kind: 'create',
      method: 'POST',
      path: '/projects',
      docs: 'projects/create-a-project',
      summary: 'Creates a project for a client picked from the list, optionally from a project template.',
      fields: [
        name,
        clientPick(undefined, true),
        pickField('template_id', 'Project Template', 'list_project_templates', { help: 'A template whose tasks and settings the project starts with.', example: 12 }),
        pickField('brand_id', 'Brand', 'list_brands', { example: 310 }),
        pickField('product_id', 'Product', 'list_products', { example: 920 }),
        ...shared,
        usersPick('collaborators', 'Collaborators', 'COR users who work on the project.'),
      ],
      rules: dateOrder,
      outputs: project,
    },
    {
      kind: 'update',
      method: 'PUT',
      path: '/projects/{project_id}',
      docs: 'projects/update-a-project',
      summary: 'Updates a project picked from the list; only the fields you fill in change.',
      fields: [
        projectPick(undefined, true),
        ...optional([name]),
        clientPick('Moves the project to this client.'),
        ...shared,
        { key: 'archived', label: 'Archived', type: 'boolean', help: 'Archive the project, or bring it back.', example: false },
      ],
      rules: dateOrder,
      outputs: project,
    },
    {
      kind: 'action',
      label: 'Add Users to Project',
      method: 'POST',
      path: '/projects/{project_id}/collaborators',
      docs: 'projects/add-project-collaborators',
      summary: "Adds users to a project's collaborators; those already there stay.",
      encoding: 'form',
      fields: [projectPick('The project the users join.', true), usersPick('usersIds', 'Users', undefined, true)],
      unverified: "COR's page gives a form body without saying how a list is written: the app repeats the key (usersIds=1&usersIds=2), OpenAPI's default.",
      response: { message: 'Collaborators added successfully' },
    },
    {
      kind: 'action',
      label: 'Post Project Update',
      method: 'POST',
      path: '/projects/{project_id}/messages',
      docs: 'projects/post-project-message',
      summary: "Posts a message on a project's conversation.",
      encoding: 'form',
      fields: [
        projectPick('The project whose conversation gets the message.', true),
        { key: 'message', label: 'Message', type: 'text', required: true, help: 'The text, as the project conversation shows it.', example: 'Phase 1 is delivered.' },
      ],
      response: {},
    },
    {
      kind: 'action',
      label: 'Add Project Cost',
      method: 'POST',
      path: '/projects/{project_id}/project_cost',
      docs: 'projects/add-project-cost',
      summary: 'Adds a cost, such as a purchase or a freelancer invoice, to a project.',
      fields: [
        projectPick('The project the cost is charged to.', true),
        { key: 'title', label: 'Title', type: 'string', required: true, help: 'What the cost is for.', example: 'Stock photos' },
        { key: 'cost', label: 'Amount', type: 'number', required: true, help: "In the project's currency.", example: 350.5 },
        { key: 'datetime', label: 'Date', type: 'date', required: true, help: 'When the cost was incurred.', example: '2025-02-14' },
      ],
      response: { id: 7120, title: 'Stock photos', cost: 350.5, datetime: '2025-02-14' },
    },
  ],
});
