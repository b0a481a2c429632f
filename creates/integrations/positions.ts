/** User positions: https://developers.projectcor.com/api-reference/integrations/positions/{create,update,delete,assign-seniority} */
import { defineEntity, type FieldSpec, standardOperations } from '../../src/model/entity.js';

const positionFields: FieldSpec[] = [
  { key: 'name', label: 'Name', type: 'string', required: true, example: 'Software Developer' },
  {
    key: 'category_id',
    label: 'Position Category External ID',
    type: 'id',
    references: 'Position Category',
    help: 'COR does not show positions without a category.',
    example: 'external-category-1',
  },
  { key: 'rate', label: 'Hourly Rate', type: 'number', min: 0, example: 50 },
  { key: 'seniority', label: 'Seniority', type: 'string', help: 'Seniority label, for example Jr., Sr. or Lead.', example: 'Sr.' },
];
const data = {
  name: 'Software Developer',
  rate: 50,
  seniority: 'Sr.',
  company_id: 2336,
  created_at: '2025-11-19 17:39:33',
  updated_at: '2025-11-19 17:39:33',
  id: 'external-user-position-1',
  category_id: 'external-category-1',
};
export default defineEntity({
  noun: 'Position',
  idExample: 'external-user-position-1',
  operations: [
    ...standardOperations('user-position', {
      docs: 'positions',
      fields: positionFields,
      response: { statusCode: 200, status: 'success', data },
      update: {
        response: { statusCode: 200, status: 'success', data: { ...data, rate: 55 } },
        unverified: "COR's page gives the method (PUT) but not the path; we use the create path plus the external ID, like every other update.",
      },
      delete: { note: 'It fails while users have the position.' },
    }),
    {
      kind: 'action',
      label: 'Assign Seniority to Position',
      method: 'POST',
      path: '/v2/user-position/{id}/seniority/{seniority_id}',
      docs: 'positions/assign-seniority',
      summary: 'Gives a position a seniority level.',
      fields: [{ key: 'seniority_id', label: 'Seniority External ID', type: 'id', required: true, references: 'Seniority', example: 'external_seniority_id_10' }],
      response: { statusCode: 200, status: 'success', data: { name: 'Software Developer', seniority: 'Ssr.', company_id: 2336, created_at: '2025-11-19 17:39:33', updated_at: '2025-11-19 17:40:02' } },
    },
  ],
});
