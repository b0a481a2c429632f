/** Workspaces: COR docs api-reference/integrations/workspaces/{create,update} (catalog §3.11). No delete exists. */
import { defineEntity, externalIdField, type FieldSpec, optional } from '../src/entity.js';

const workspaceFields: FieldSpec[] = [
  { key: 'name', label: 'Name', type: 'string', required: true, help: 'The workspace name shown in COR.', example: 'Engineering' },
  { key: 'active', label: 'Active', type: 'boolean', help: 'Whether the workspace is active (COR default: true). COR has no delete for workspaces: set this to false to retire one.', example: true },
  { key: 'description', label: 'Description', type: 'text', help: 'What the workspace is for.', example: 'Engineering and product teams' },
];
const workspaceResponse = { id: 5001, name: 'Engineering', active: true, description: 'Engineering and product teams', company_id: 1234, created_at: '2025-01-10T14:30:00Z', updated_at: '2025-01-10T14:30:00Z' };
const workspaceId = (extra = '') => externalIdField('Workspace', 'WS-ENG', extra);

export default defineEntity({
  key: 'workspace',
  noun: 'Workspace',
  about: 'A COR workspace: a group of teams and users.',
  operations: [
    {
      kind: 'create',
      method: 'POST',
      path: '/v2/integrations/workspaces',
      summary: 'Creates a workspace in COR and links it to your own ID for it.',
      fields: [workspaceId(), ...workspaceFields],
      response: workspaceResponse,
    },
    {
      kind: 'update',
      method: 'PUT',
      path: '/v2/integrations/workspaces/{id}',
      summary: 'Updates a COR workspace found by its external ID; set Active to false to retire it (COR has no workspace delete).',
      fields: [workspaceId('Use the same ID the workspace was created with.'), ...optional(workspaceFields)],
      response: { ...workspaceResponse, updated_at: '2025-02-01T09:00:00Z' },
    },
  ],
});
