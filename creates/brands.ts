/** Brands: COR docs api-reference/integrations/brands/{create,update,delete} (catalog §3.3). */
import { defineEntity, externalIdField } from '../src/entity.js';

const brandId = (extra = '') => externalIdField('Brand', 'SF-BRAND-001', extra);
const SAME_ID = 'Use the same ID the brand was created with.';
const name = { key: 'name', label: 'Name', type: 'string', help: 'The brand name shown in COR.', example: 'Acme Premium' } as const;
const brandResponse = { id: 3001, name: 'Acme Premium', client_id: 25855, company_id: 1234, user_id: 8546, created_at: '2025-01-10T14:30:00Z', updated_at: '2025-01-10T14:30:00Z' };

export default defineEntity({
  key: 'brand',
  noun: 'Brand',
  about: "A brand of one of the company's clients.",
  operations: [
    {
      kind: 'create',
      method: 'POST',
      path: '/v2/integrations/brands',
      summary: "Creates a brand under a client in COR and links it to your own ID for it.",
      fields: [
        brandId(),
        { ...name, required: true },
        { key: 'client_id', label: 'Client External ID', type: 'id', required: true, references: 'Client', help: 'The client the brand belongs to.', example: 'SF-ACC-67890' },
      ],
      response: brandResponse,
    },
    {
      kind: 'update',
      method: 'PUT',
      path: '/v2/integrations/brands/{id}',
      summary: 'Renames a COR brand found by its external ID.',
      fields: [brandId(SAME_ID), name],
      response: { ...brandResponse, updated_at: '2025-02-01T09:00:00Z' },
    },
    {
      kind: 'delete',
      method: 'DELETE',
      path: '/v2/integrations/brands/{id}',
      summary: 'Deletes a COR brand found by its external ID, and removes the link to that ID. COR refuses while projects use it.',
      fields: [brandId(SAME_ID)],
      response: { message: 'Brand deleted successfully', external_id: 'SF-BRAND-001', cor_id: 3001 },
    },
  ],
});
