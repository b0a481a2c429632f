/**
 * Working time: COR lists https://developers.projectcor.com/api-reference/integrations/working-time/{create,delete}
 * but does not publish them; the body follows the main API's POST /v1/working-time.
 */
import { defineEntity } from '../../src/model/entity.js';

const UNVERIFIED = "COR's page for this operation is not published; the body follows the main API's POST /v1/working-time with external IDs (see docs/cor-api.md).";
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'].map((label, i) => ({ value: String(i + 1), label }));
const BREAKS = ['0', '0.25', '0.5', '0.75', '1', '1.5', '2'].map((value) => ({ value, label: `${value} h` }));

export default defineEntity({
  noun: 'Working Time',
  idExample: 'WT-OKTA-USER-12345',
  operations: [
    {
      kind: 'create',
      method: 'POST',
      path: '/v2/integrations/working-time',
      docs: 'working-time/create',
      summary: "Creates a user's weekly working schedule (one line per working day), with your own ID for it.",
      fields: [
        { key: 'userId', label: 'User External ID', type: 'id', required: true, references: 'User', example: 'OKTA-USER-12345' },
        {
          key: 'workingTimes',
          label: 'Working Days',
          type: 'string',
          required: true,
          maxItems: 7,
          help: 'One line per working day.',
          children: [
            { key: 'dayOfWeek', label: 'Day of Week', type: 'string', required: true, choices: DAYS, example: '2' },
            { key: 'start', label: 'Start Time', type: 'time', required: true, example: '09:00' },
            { key: 'end', label: 'End Time', type: 'time', required: true, help: 'After the Start Time.', example: '18:00' },
            { key: 'breakTime', label: 'Break (hours)', type: 'string', choices: BREAKS, example: '1' },
          ],
          rules: [{ before: 'start', after: 'end' }],
          example: null,
        },
      ],
      response: { statusCode: 201, status: 'success', data: { id: 'WT-OKTA-USER-12345', userId: 8546, workingTimes: [{ dayOfWeek: '2', start: '09:00', end: '18:00', breakTime: '1' }] } },
      unverified: UNVERIFIED,
    },
    {
      kind: 'delete',
      method: 'DELETE',
      path: '/v2/integrations/working-time/{id}',
      docs: 'working-time/delete',
      summary: 'Deletes a working schedule found by your ID for it.',
      fields: [],
      response: { message: 'Entity deleted successfully' },
      unverified: UNVERIFIED,
    },
  ],
});
