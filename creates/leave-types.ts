/** Leave types: COR lists create/update/delete pages (user-leaves/{create,update,delete}) but does not publish them. */
import { defineEntity, externalIdField } from '../src/entity.js';

const leaveTypeId = (extra = '') => externalIdField('Leave Type', 'external-type-3', extra);
const SAME_ID = 'Use the same ID the leave type was created with.';
const name = { key: 'name', label: 'Name', type: 'string', help: 'The kind of leave as COR shows it, for example Vacation or Sick leave.', example: 'Vacation' } as const;
const UNVERIFIED = "COR's page for this operation is not published; method, path and body follow the documented pattern of the Integrations API (see shared/cor-docs/README.md).";
const data = { id: 54321, name: 'Vacation', company_id: 2336, created_at: '2025-01-10T14:30:00Z', updated_at: '2025-01-10T14:30:00Z' };

export default defineEntity({
  key: 'leave_type',
  noun: 'Leave Type',
  about: 'A kind of leave (vacation, sick leave, …) that leave requests use.',
  operations: [
    {
      kind: 'create',
      method: 'POST',
      path: '/v2/integrations/leave-types',
      summary: 'Creates a leave type (vacation, sick leave, …) in COR and links it to your own ID for it.',
      fields: [leaveTypeId(), { ...name, required: true }],
      response: { statusCode: 201, status: 'success', data },
      unverified: UNVERIFIED,
    },
    {
      kind: 'update',
      method: 'PUT',
      path: '/v2/integrations/leave-types/{id}',
      summary: 'Renames a COR leave type found by its external ID.',
      fields: [leaveTypeId(SAME_ID), name],
      response: { statusCode: 200, status: 'success', data: { ...data, name: 'Annual leave' } },
      unverified: UNVERIFIED,
    },
    {
      kind: 'delete',
      method: 'DELETE',
      path: '/v2/integrations/leave-types/{id}',
      summary: 'Deletes a COR leave type found by its external ID. COR only deletes custom leave types.',
      fields: [leaveTypeId(SAME_ID)],
      response: { message: 'Entity deleted successfully' },
      unverified: UNVERIFIED,
    },
  ],
});
