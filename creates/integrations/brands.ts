/** Brands: https://developers.projectcor.com/api-reference/integrations/brands/{create,update,delete} */
import { defineEntity, standardOperations } from '../../src/model/entity.js';

const name = { key: 'name', label: 'Name', type: 'string', example: 'Acme Premium' } as const;
const brandResponse = { id: 3001, name: 'Acme Premium', client_id: 25855, company_id: 1234, user_id: 8546, created_at: '2025-01-10T14:30:00Z', updated_at: '2025-01-10T14:30:00Z' };

export default defineEntity({
  noun: 'Brand',
  idExample: 'SF-BRAND-001',
  operations: standardOperations('brands', {
    fields: [
      { ...name, required: true },
      { key: 'client_id', label: 'Client External ID', type: 'id', required: true, references: 'Client', example: 'SF-ACC-67890' },
    ],
    response: brandResponse,
    update: { summary: 'Renames a brand found by your ID for it.', fields: [name], response: { ...brandResponse, updated_at: '2025-02-01T09:00:00Z' } },
    delete: { note: 'It fails while projects use the brand.', response: { message: 'Brand deleted successfully', external_id: 'SF-BRAND-001', cor_id: 3001 } },
  }),
});
