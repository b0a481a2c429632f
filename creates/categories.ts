/** Position categories: COR docs api-reference/integrations/categories (catalog §3.7). */
import { defineEntity, externalIdField } from '../src/entity.js';

const categoryId = (extra = '') => externalIdField('Position Category', 'external-category-1', extra);
const SAME_ID = 'Use the same ID the category was created with.';
const name = { key: 'name', label: 'Name', type: 'string', help: 'The category name shown in COR.', example: 'Development' } as const;
const data = { name: 'Development', company_id: 2336, created_at: '2025-11-19 17:39:33', updated_at: '2025-11-19 17:39:33', id: 'external-category-1' };

export default defineEntity({
  key: 'position_category',
  noun: 'Position Category',
  about: 'A category that groups user positions.',
  operations: [
    {
      kind: 'create',
      method: 'POST',
      path: '/v2/integrations/categories',
      summary: 'Creates a position category in COR and links it to your own ID for it.',
      fields: [categoryId(), { ...name, required: true }],
      response: { statusCode: 200, status: 'success', data },
    },
    {
      kind: 'update',
      method: 'PUT',
      path: '/v2/integrations/categories/{id}',
      summary: 'Renames a COR position category found by its external ID.',
      fields: [categoryId(SAME_ID), name],
      response: { statusCode: 200, status: 'success', data: { ...data, name: 'Software Development' } },
      unverified: "COR's page for this operation is not published; method, path and body follow the documented pattern of the other updates.",
    },
    {
      kind: 'delete',
      method: 'DELETE',
      path: '/v2/integrations/categories/{id}',
      summary: 'Deletes a COR position category found by its external ID. COR refuses while positions use it.',
      fields: [categoryId(SAME_ID)],
      response: { message: 'Entity deleted successfully' },
    },
  ],
});
