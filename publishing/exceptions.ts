/**
 * Where the app departs from a publishing rule on purpose. Each departure is argued to Zapier's
 * reviewer in docs/publishing.md, under the heading with its id; a finding it covers is reported
 * as excepted, not as a failure, and an exception that covers nothing is itself a failure.
 */
import type { Finding } from './rules.js';

export interface Exception {
  /** The heading of its argument in docs/publishing.md. */
  id: string;
  code: string;
  covers: (finding: Finding) => boolean;
}

export const EXCEPTIONS: Exception[] = [
  // COR's Integrations API is write-only: there is no list to feed a dropdown of external IDs.
  { id: 'External ID fields without dropdowns', code: 'D004', covers: (f) => /^"[^"]+ External IDs?"/.test(f.message) },
  { id: 'Create or Update actions', code: 'Guidelines create or update', covers: (f) => f.where.startsWith('creates.create_or_update_') },
  { id: 'Delete actions', code: 'Guidelines delete', covers: (f) => f.where.startsWith('creates.delete_') },
  // Project of the Task narrows the Task dropdown, so it must be filled in first.
  { id: 'A filter before the dropdown it narrows', code: '5.8 order', covers: (f) => /field (task_id|task_log_id)$/.test(f.where) },
  {
    id: 'Updated Project, Updated User and Updated Task',
    code: 'Guidelines updated trigger',
    covers: (f) => ['triggers.updated_project', 'triggers.updated_user', 'triggers.updated_task'].includes(f.where),
  },
];

export interface Report {
  failures: Finding[];
  excepted: Map<Exception, Finding[]>;
}

/** The findings no exception covers, and what each exception covers. */
export const applyExceptions = (findings: Finding[]): Report => {
  const excepted = new Map<Exception, Finding[]>(EXCEPTIONS.map((e) => [e, []]));
  const failures = findings.filter((f) => {
    const exception = EXCEPTIONS.find((e) => e.code === f.code && e.covers(f));
    if (exception) excepted.get(exception)!.push(f);
    return !exception;
  });
  for (const [exception, covered] of excepted) {
    if (covered.length === 0) failures.push({ code: exception.code, where: 'publishing/exceptions.ts', message: `the exception "${exception.id}" covers nothing: remove it` });
  }
  return { failures, excepted };
};
