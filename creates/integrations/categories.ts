/** Position categories: https://developers.projectcor.com/api-reference/integrations/categories/{create,update,delete} */
import { defineEntity, standardOperations } from '../../src/model/entity.js';

const name = { key: 'name', label: 'Name', type: 'string', example: 'Development' } as const;
const data = { name: 'Development', company_id: 2336, created_at: '2025-11-19 17:39:33', updated_at: '2025-11-19 17:39:33', id: 'external-category-1' };

export default defineEntity({
  noun: 'Position Category',
  idExample: 'external-category-1',
  operations: standardOperations('categories', {
    fields: [{ ...name, required: true }],
    response: { statusCode: 200, status: 'success', data },
    update: {
      summary: 'Renames a position category found by your ID for it.',
      fields: [name],
      response: { statusCode: 200, status: 'success', data: { ...data, name: 'Software Development' } },
      unverified: "COR's page for this operation is not published; method, path and body follow the documented pattern of the other updates.",
    },
    delete: { note: 'It fails while positions use the category.' },
  }),
});
