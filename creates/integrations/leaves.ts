/** User leaves: https://developers.projectcor.com/api-reference/integrations/user-leaves/{create,update,delete}-leave */
import { defineEntity, type FieldSpec, standardOperations } from '../../src/model/entity.js';

const userField: FieldSpec = { key: 'userId', label: 'User External ID', type: 'id', required: true, references: 'User', example: 'external-user-id-3' };

const leaveFields: FieldSpec[] = [
  userField,
  { key: 'leaveTypeId', label: 'Leave Type External ID', type: 'id', required: true, references: 'Leave Type', help: 'The kind of leave (vacation, sick leave, …).', example: 'external-type-3' },
  { key: 'start', label: 'Start', type: 'datetime', required: true, example: '2026-05-11T00:00:00-00:00' },
  { key: 'end', label: 'End', type: 'datetime', required: true, help: 'On or after the Start.', example: '2026-05-11T23:59:00-00:00' },
  { key: 'allDay', label: 'All Day', type: 'boolean', required: true, help: 'Whether the leave takes whole days; when true, COR usually ignores the times.', example: true },
];

const dateOrder = [{ before: 'start', after: 'end' }];

const leaveData = {
  id: 12345,
  userId: 67890,
  leaveTypeId: 54321,
  start: '2026-05-11T00:00:00-00:00',
  end: '2026-05-11T23:59:00-00:00',
  allDay: true,
  company_id: 2336,
  created_at: '2024-01-15T10:30:00Z',
  updated_at: '2024-01-15T10:30:00Z',
  status: 'pending',
};

export default defineEntity({
  noun: 'Leave',
  idExample: 'external-id-3',
  operations: standardOperations('leaves', {
    docs: 'user-leaves',
    fields: leaveFields,
    rules: dateOrder,
    response: { statusCode: 201, status: 'success', data: leaveData },
    create: { docs: 'user-leaves/create-leave', summary: 'Creates a leave request (time off) for a user, with your own ID for it.' },
    update: {
      docs: 'user-leaves/update-leave',
      summary: 'Replaces a leave request found by your ID for it.',
      note: 'Every field must be filled in, not only the changed ones.',
      fields: leaveFields,
      fullReplace: true,
      response: { statusCode: 200, status: 'success', data: { ...leaveData, start: '2026-05-13T00:00:00-00:00', end: '2026-05-13T23:59:00-00:00' } },
    },
    delete: {
      docs: 'user-leaves/delete-leave',
      summary: 'Deletes a leave request found by your ID for it.',
      fields: [{ ...userField, help: 'The user the leave belongs to (COR requires it to delete a leave).' }],
      response: { statusCode: 200, status: 'success', data: { message: 'Leave request deleted successfully', deletedId: 'external-id-3' } },
    },
  }),
});
