/** Clients: https://developers.projectcor.com/api-reference/integrations/clients/{create,update,delete} */
import { defineEntity, type FieldSpec, standardOperations } from '../../src/model/entity.js';

const clientFields: FieldSpec[] = [
  { key: 'name', label: 'Name', type: 'string', required: true, example: 'Acme Corporation' },
  { key: 'business_name', label: 'Business Name', type: 'string', help: 'Legal or registered business name.', example: 'Acme Corp S.A.' },
  { key: 'email_contact', label: 'Contact E-mail', type: 'email', example: 'contact@acme.com' },
  { key: 'name_contact', label: 'Contact First Name', type: 'string', example: 'John' },
  { key: 'last_name_contact', label: 'Contact Last Name', type: 'string', example: 'Doe' },
  { key: 'phone', label: 'Phone', type: 'string', example: '+1-555-123-4567' },
  { key: 'website', label: 'Website', type: 'string', example: 'https://acme.com' },
  { key: 'description', label: 'Description', type: 'text', help: 'Notes about the client.', example: 'Enterprise client since 2020' },
];

const clientResponse = {
  id: 25855,
  name: 'Acme Corporation',
  business_name: 'Acme Corp S.A.',
  email_contact: 'contact@acme.com',
  name_contact: 'John',
  last_name_contact: 'Doe',
  phone: '+1-555-123-4567',
  website: 'https://acme.com',
  description: 'Enterprise client since 2020',
  company_id: 1234,
  created_at: '2025-01-10T14:30:00Z',
  updated_at: '2025-01-10T14:30:00Z',
};

export default defineEntity({
  noun: 'Client',
  idExample: 'SF-ACC-67890',
  operations: standardOperations('clients', {
    fields: clientFields,
    response: clientResponse,
    update: { response: { ...clientResponse, updated_at: '2025-02-01T09:00:00Z' } },
    delete: { note: 'It fails while projects or brands still use the client.', response: { message: 'Client deleted successfully', external_id: 'SF-ACC-67890', cor_id: 25855 } },
  }),
});
