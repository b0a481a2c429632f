/** Projects: https://developers.projectcor.com/api-reference/integrations/projects/{create,update,delete} */
import { incomeTypeField } from '../project-fields.js';
import { defineEntity, type FieldSpec, optional, standardOperations } from '../../src/model/entity.js';

const projectFields: FieldSpec[] = [
  { key: 'name', label: 'Name', type: 'string', required: true, example: 'Website Redesign' },
  { key: 'client_id', label: 'Client External ID', type: 'id', references: 'Client', example: 'SF-ACC-67890' },
  { key: 'brief', label: 'Brief', type: 'text', help: "The project's description.", example: 'Complete redesign of the corporate website' },
  { key: 'start', label: 'Start Date', type: 'date', example: '2025-01-15' },
  { key: 'end', label: 'End Date', type: 'date', help: 'On or after the Start Date.', example: '2025-03-31' },
  { key: 'pm_id', label: 'Project Manager External ID', type: 'id', references: 'User', help: 'The COR user who manages the project.', example: 'OKTA-USER-12345' },
  { key: 'brand_id', label: 'Brand External ID', type: 'id', references: 'Brand', example: 'SF-BRAND-001' },
  { key: 'product_id', label: 'Product External ID', type: 'id', references: 'Product', example: 'SF-PROD-001' },
  { key: 'estimated_time', label: 'Estimated Time (hours)', type: 'number', min: 0, example: 200 },
  { key: 'billable', label: 'Billable', type: 'boolean', example: true },
  { key: 'status', label: 'Status', type: 'string', help: 'Project status as COR names it, for example active, finished or suspended (COR does not publish the full list).', example: 'active' },
  { key: 'currency_id', label: 'Currency External ID', type: 'string', example: 'USD' },
  { key: 'evaluation_date', label: 'Evaluation Date', type: 'date', example: '2025-04-15' },
  { key: 'estimated', label: 'Estimated Amount', type: 'number', min: 0, help: "A sum of money, not hours: COR's estimated monetary value of the project.", example: 15000 },
  { key: 'fee_id', label: 'Fee External ID', type: 'string', help: 'The fee this project bills against, by its external ID.', example: 'SF-FEE-001' },
  { key: 'contract_id', label: 'Contract External ID', type: 'id', references: 'Contract', example: 'SF-CONTRACT-001' },
  { key: 'deliverables', label: 'Deliverables', type: 'text', example: 'Homepage, 12 inner pages, style guide' },
  { key: 'work_order', label: 'Work Order', type: 'string', help: 'Your work order number or code, as free text.', example: 'WO-2025-001' },
  incomeTypeField,
  { key: 'archived', label: 'Archived', type: 'boolean', help: 'Yes archives the project; No brings an archived one back.', example: false },
];

const dateOrder = [{ before: 'start', after: 'end' }];

const projectResponse = {
  id: 155693,
  name: 'Website Redesign',
  client_id: 25855,
  brief: 'Complete redesign of the corporate website',
  start: '2025-01-15 00:00:00',
  end: '2025-03-31 00:00:00',
  pm_id: 8546,
  estimated_time: 200,
  billable: true,
  status: 'active',
  estimated: 15000,
  contract_id: 4521,
  work_order: 'WO-2025-001',
  company_id: 1234,
  created_at: '2025-01-10T14:30:00Z',
  updated_at: '2025-01-10T14:30:00Z',
};

export default defineEntity({
  noun: 'Project',
  idExample: 'SF-OPP-12345',
  operations: standardOperations('projects', {
    fields: projectFields,
    rules: dateOrder,
    response: projectResponse,
    update: {
      // COR's update page lists every create field but the brand and the product.
      fields: optional(projectFields.filter((f) => f.key !== 'brand_id' && f.key !== 'product_id')),
      response: {
        id: 155693,
        name: 'Website Redesign Project - Phase 2',
        client_id: 25855,
        brief: 'Complete redesign of the corporate website',
        start: '2025-01-15 00:00:00',
        end: '2025-04-30 00:00:00',
        pm_id: 8546,
        estimated_time: 250,
        billable: true,
        status: 'in_progress',
        estimated: 18000,
        company_id: 1234,
        created_at: '2025-01-10T14:30:00Z',
        updated_at: '2025-01-15T10:00:00Z',
      },
    },
    delete: { note: 'It fails while the project has tasks or time entries.', response: { message: 'Project deleted successfully', external_id: 'SF-OPP-12345', cor_id: 155693 } },
  }),
});
