/** Workspaces: https://developers.projectcor.com/api-reference/integrations/workspaces/{create,update}. No delete exists. */
import { defineEntity, type FieldSpec, standardOperations } from '../../src/model/entity.js';

const workspaceFields: FieldSpec[] = [
  { key: 'name', label: 'Name', type: 'string', required: true, example: 'Engineering' },
  { key: 'active', label: 'Active', type: 'boolean', help: 'Whether the workspace is active (COR default: true). COR has no delete for workspaces: set this to false to retire one.', example: true },
  { key: 'description', label: 'Description', type: 'text', example: 'Engineering and product teams' },
];
const workspaceResponse = {
  id: 5001,
  name: 'Engineering',
  active: true,
  description: 'Engineering and product teams',
  company_id: 1234,
  created_at: '2025-01-10T14:30:00Z',
  updated_at: '2025-01-10T14:30:00Z',
};

export default defineEntity({
  noun: 'Workspace',
  idExample: 'WS-ENG',
  operations: standardOperations('workspaces', {
    fields: workspaceFields,
    response: workspaceResponse,
    update: { note: 'Workspaces cannot be deleted: set Active to false instead.', response: { ...workspaceResponse, updated_at: '2025-02-01T09:00:00Z' } },
    delete: false,
  }),
});
