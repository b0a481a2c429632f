/** Products: https://developers.projectcor.com/api-reference/integrations/products/{create,update,delete} */
import { defineEntity, standardOperations } from '../../src/model/entity.js';

const name = { key: 'name', label: 'Name', type: 'string', example: 'Acme Mobile App' } as const;
const description = { key: 'description', label: 'Description', type: 'text', example: 'Native mobile app for iOS and Android' } as const;
const productResponse = {
  id: 52188,
  name: 'Acme Mobile App',
  client_id: 58294,
  brand_id: 52187,
  company_id: 2336,
  user_id: 48429,
  created_at: '2025-01-10T14:30:00Z',
  updated_at: '2025-01-10T14:30:00Z',
};

export default defineEntity({
  noun: 'Product',
  idExample: 'SF-PROD-001',
  operations: standardOperations('products', {
    fields: [
      { ...name, required: true },
      { key: 'client_id', label: 'Client External ID', type: 'id', required: true, references: 'Client', example: 'SF-ACC-67890' },
      { key: 'brand_id', label: 'Brand External ID', type: 'id', required: true, references: 'Brand', example: 'SF-BRAND-001' },
      description,
    ],
    response: productResponse,
    update: {
      summary: 'Updates the name or description of a product found by your ID for it.',
      fields: [name, description],
      response: { ...productResponse, name: 'Updated Premium Product', description: 'Updated product description', created_at: '2025-12-09T15:22:28Z', updated_at: '2025-12-09T15:45:00Z' },
    },
    delete: { summary: 'Deletes (soft-deletes) a product found by your ID for it.' },
  }),
});
