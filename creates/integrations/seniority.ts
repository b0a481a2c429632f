/** Seniority levels: https://developers.projectcor.com/api-reference/integrations/seniority/{create,update,delete} */
import { defineEntity, standardOperations } from '../../src/model/entity.js';

const name = { key: 'name', label: 'Name', type: 'string', help: 'The seniority level as COR shows it, for example Jr., Ssr., Sr.', example: 'Ssr.' } as const;
const data = { name: 'Ssr.', company_id: 2336, created_at: '2025-11-19 17:39:33', updated_at: '2025-11-19 17:39:33' };

export default defineEntity({
  noun: 'Seniority',
  idExample: 'external_seniority_id_10',
  operations: standardOperations('seniority', {
    fields: [{ ...name, required: true }],
    response: { statusCode: 200, status: 'success', data: { ...data, id: 'external_seniority_id_10' } },
    create: { duplicateCodes: ['ZC004'] },
    update: {
      summary: 'Renames a seniority level found by your ID for it.',
      fields: [name],
      response: { statusCode: 200, status: 'success', data: { ...data, name: 'Jr', deleted_at: null, __meta__: { oldRate: 0 } } },
    },
    delete: { unverified: "COR's page for this operation is not published; method, path and body follow the documented pattern of the other deletes." },
  }),
});
