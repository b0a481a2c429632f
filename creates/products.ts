/** Products: COR docs api-reference/integrations/products/{create,update,delete} (catalog §3.4). */
import { defineEntity, externalIdField } from '../src/entity.js';

const productId = (extra = '') => externalIdField('Product', 'SF-PROD-001', extra);
const SAME_ID = 'Use the same ID the product was created with.';
const name = { key: 'name', label: 'Name', type: 'string', help: 'The product name shown in COR.', example: 'Acme Mobile App' } as const;
const description = { key: 'description', label: 'Description', type: 'text', help: 'What the product is.', example: 'Native mobile app for iOS and Android' } as const;
const productResponse = { id: 52188, name: 'Acme Mobile App', client_id: 58294, brand_id: 52187, company_id: 2336, user_id: 48429, created_at: '2025-01-10T14:30:00Z', updated_at: '2025-01-10T14:30:00Z' };

export default defineEntity({
  key: 'product',
  noun: 'Product',
  about: "A product of a client's brand.",
  operations: [
    {
      kind: 'create',
      method: 'POST',
      path: '/v2/integrations/products',
      summary: "Creates a product under a client's brand in COR and links it to your own ID for it.",
      fields: [
        productId(),
        { ...name, required: true },
        { key: 'client_id', label: 'Client External ID', type: 'id', required: true, references: 'Client', help: 'The client the product belongs to.', example: 'SF-ACC-67890' },
        { key: 'brand_id', label: 'Brand External ID', type: 'id', required: true, references: 'Brand', help: 'The brand the product belongs to.', example: 'SF-BRAND-001' },
        description,
      ],
      response: productResponse,
    },
    {
      kind: 'update',
      method: 'PUT',
      path: '/v2/integrations/products/{id}',
      summary: 'Updates the name or description of a COR product found by its external ID.',
      fields: [productId(SAME_ID), name, description],
      response: { ...productResponse, updated_at: '2025-02-01T09:00:00Z' },
    },
    {
      kind: 'delete',
      method: 'DELETE',
      path: '/v2/integrations/products/{id}',
      summary: 'Deletes (soft-deletes) a COR product found by its external ID.',
      fields: [productId(SAME_ID)],
      response: { message: 'Entity deleted successfully' },
    },
  ],
});
