/** Leave types: COR lists https://developers.projectcor.com/api-reference/integrations/user-leaves/{create,update,delete} but does not publish them. */
import { defineEntity, standardOperations } from '../../src/model/entity.js';

const name = { key: 'name', label: 'Name', type: 'string', help: 'The kind of leave as COR shows it, for example Vacation or Sick leave.', example: 'Vacation' } as const;
const unverified = "COR's page for this operation is not published; method, path and body follow the documented pattern of the Integrations API (see docs/cor-api.md).";
const data = { id: 54321, name: 'Vacation', company_id: 2336, created_at: '2025-01-10T14:30:00Z', updated_at: '2025-01-10T14:30:00Z' };

export default defineEntity({
  noun: 'Leave Type',
  idExample: 'external-type-3',
  operations: standardOperations('leave-types', {
    docs: 'user-leaves',
    fields: [{ ...name, required: true }],
    response: { statusCode: 201, status: 'success', data },
    create: { unverified },
    update: { summary: 'Renames a leave type found by your ID for it.', fields: [name], response: { statusCode: 200, status: 'success', data: { ...data, name: 'Annual leave' } }, unverified },
    delete: { note: 'Only custom leave types can be deleted.', unverified },
  }),
});
