/** User positions: COR docs api-reference/integrations/positions* (catalog §3.7). */
import { defineEntity, externalIdField, type FieldSpec, optional } from '../src/entity.js';

const positionFields: FieldSpec[] = [
  { key: 'name', label: 'Name', type: 'string', required: true, help: 'The position name shown in COR.', example: 'Software Developer' },
  { key: 'category_id', label: 'Position Category External ID', type: 'id', references: 'Position Category', help: 'The category of the position. COR does not show positions without a category.', example: 'external-category-1' },
  { key: 'rate', label: 'Hourly Rate', type: 'number', min: 0, help: 'Hourly rate of the position.', example: 50 },
  { key: 'seniority', label: 'Seniority', type: 'string', help: 'Seniority label, for example Jr., Sr. or Lead.', example: 'Sr.' },
];
const data = { name: 'Software Developer', rate: 50, seniority: 'Sr.', company_id: 2336, created_at: '2025-11-19 17:39:33', updated_at: '2025-11-19 17:39:33', id: 'external-user-position-1', category_id: 'external-category-1' };
const positionId = (extra = '') => externalIdField('Position', 'external-user-position-1', extra);
const SAME_ID = 'Use the same ID the position was created with.';

export default defineEntity({
  key: 'position',
  noun: 'Position',
  about: 'A user position (job role) with an hourly rate.',
  operations: [
    {
      kind: 'create',
      method: 'POST',
      path: '/v2/integrations/user-position',
      summary: 'Creates a user position (job role) in COR and links it to your own ID for it.',
      fields: [positionId(), ...positionFields],
      response: { statusCode: 200, status: 'success', data },
    },
    {
      kind: 'update',
      method: 'PUT',
      path: '/v2/integrations/user-position/{id}',
      summary: 'Updates a COR position found by its external ID. Only the fields you fill in are changed.',
      fields: [positionId(SAME_ID), ...optional(positionFields)],
      response: { statusCode: 200, status: 'success', data: { ...data, rate: 55 } },
      unverified: "COR's page gives the method (PUT) but not the path; we use the create path plus the external ID, like every other update.",
    },
    {
      kind: 'delete',
      method: 'DELETE',
      path: '/v2/integrations/user-position/{id}',
      summary: 'Deletes a COR position found by its external ID. COR refuses while users have it.',
      fields: [positionId(SAME_ID)],
      response: { message: 'Entity deleted successfully' },
    },
    {
      kind: 'action',
      key: 'assign_seniority_to',
      label: 'Assign Seniority to Position',
      method: 'POST',
      path: '/v2/user-position/{id}/seniority/{seniority_id}',
      summary: 'Gives a COR position a seniority level.',
      fields: [
        positionId(SAME_ID),
        { key: 'seniority_id', label: 'Seniority External ID', type: 'id', required: true, references: 'Seniority', help: 'The seniority level to assign.', example: 'external_seniority_id_10' },
      ],
      response: { statusCode: 200, status: 'success', data: { name: 'Software Developer', seniority: 'Ssr.', company_id: 2336, created_at: '2025-11-19 17:39:33', updated_at: '2025-11-19 17:40:02' } },
    },
  ],
});
