/** Seniority levels: COR docs api-reference/integrations/seniority/{create,update} (catalog §3.7). */
import { defineEntity, externalIdField } from '../src/entity.js';

const seniorityId = (extra = '') => externalIdField('Seniority', 'external_seniority_id_10', extra);
const SAME_ID = 'Use the same ID the seniority was created with.';
const name = { key: 'name', label: 'Name', type: 'string', help: 'The seniority level as COR shows it, for example Jr., Ssr., Sr.', example: 'Ssr.' } as const;
const data = { name: 'Ssr.', company_id: 2336, created_at: '2025-11-19 17:39:33', updated_at: '2025-11-19 17:39:33' };

export default defineEntity({
  key: 'seniority',
  noun: 'Seniority',
  about: 'A seniority level (Jr., Sr., …) that positions and users can have.',
  operations: [
    {
      kind: 'create',
      method: 'POST',
      path: '/v2/integrations/seniority',
      summary: 'Creates a seniority level in COR and links it to your own ID for it.',
      fields: [seniorityId(), { ...name, required: true }],
      response: { statusCode: 200, status: 'success', data: { ...data, id: 'external_seniority_id_10' } },
    },
    {
      kind: 'update',
      method: 'PUT',
      path: '/v2/integrations/seniority/{id}',
      summary: 'Renames a COR seniority level found by its external ID.',
      fields: [seniorityId(SAME_ID), name],
      response: { statusCode: 200, status: 'success', data: { ...data, name: 'Jr', deleted_at: null, __meta__: { oldRate: 0 } } },
    },
    {
      kind: 'delete',
      method: 'DELETE',
      path: '/v2/integrations/seniority/{id}',
      summary: 'Deletes a COR seniority level found by its external ID.',
      fields: [seniorityId(SAME_ID)],
      response: { message: 'Entity deleted successfully' },
      unverified: "COR's page for this operation is not published; method, path and body follow the documented pattern of the other deletes.",
    },
  ],
});
