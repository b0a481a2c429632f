/** Time entries in COR, by COR ID (main API v1): https://developers.projectcor.com/api-reference/hours/{post-hours,change-status} */
import { defineEntity, type JsonObject } from '../../src/model/entity.js';
import { pickField } from '../../src/model/fields.js';
import { TIME_ENTRY_STATUSES } from '../../src/request/config.js';
import { timeEntry } from '../../triggers/outputs.js';
import { taskPick, taskProjectFilter } from './picks.js';

/** `start` plus a number of hours, in the offset `start` was given in ("2025-02-03T09:00:00-03:00" + 1.5). */
export const hoursAfter = (start: string, hours: number): string => {
  const offset = /[+-]\d{2}:\d{2}$/.exec(start)?.[0];
  const minutes = offset ? (offset.startsWith('-') ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4))) : 0;
  const local = new Date(Date.parse(start) + Math.round(hours * 3_600_000) + minutes * 60_000).toISOString().slice(0, 19);
  return `${local}${offset ?? 'Z'}`;
};

export default defineEntity({
  noun: 'Time Entry',
  api: 'main',
  operations: [
    {
      kind: 'action',
      label: 'Log Time',
      method: 'POST',
      path: '/hours',
      docs: 'hours/post-hours',
      summary: 'Logs time on a task for the user this connection signs in as, from a start to a stop or for a duration.',
      fields: [
        taskProjectFilter,
        taskPick('task_log_id'),
        { key: 'start', label: 'Start', type: 'datetime', required: true, help: 'When the work began.', example: '2025-02-03T09:00:00-03:00' },
        { key: 'stop', label: 'Stop', type: 'datetime', help: 'When the work ended. Leave empty to give a Duration instead.', example: '2025-02-03T11:30:00-03:00' },
        { key: 'duration', label: 'Duration (hours)', type: 'number', min: 0.01, max: 24, option: true, help: 'How long the work took, such as 1.5; used when Stop is empty.', example: 2.5 },
      ],
      rules: [{ before: 'start', after: 'stop' }],
      oneOf: [['stop', 'duration']],
      toBody: (i): JsonObject => ({ task_log_id: i.task_log_id as number, start: i.start as string, stop: (i.stop as string | undefined) ?? hoursAfter(i.start as string, i.duration as number) }),
      unverified: "COR's page names no user: the time is logged for the COR user whose API key the connection uses.",
      outputs: timeEntry,
    },
    {
      kind: 'action',
      label: 'Change Time Entry Status',
      method: 'POST',
      path: '/hours/status-change',
      docs: 'hours/change-status',
      summary: 'Sets the status of one or more time entries, such as approved or invoiced.',
      fields: [
        pickField('counters', 'Time Entries', 'list_time_entries', { required: true, many: true, example: 991 }),
        { key: 'status', label: 'Status', type: 'string', required: true, choices: TIME_ENTRY_STATUSES, help: 'The status they all get.', example: 'approved' },
      ],
      response: {},
    },
  ],
});
