/**
 * A round trip through every action by COR ID, in an order where each names only records made
 * before it: a project for a client, a task in it, time on the task, and API Request reading it
 * back. Each step's input comes from the COR IDs learned so far; what it outputs teaches the next.
 * The live check (verify.ts), the end-to-end suite and the benchmark run these same steps.
 */

/** COR IDs known to the round trip: `client` and `me` (the connection's user) to start, the rest learned. */
export type Learned = Record<string, number>;

export interface ByCorIdStep {
  key: string;
  input: (ids: Learned) => Record<string, unknown>;
  /** What the step's output teaches later steps. */
  learn?: (output: Record<string, unknown>) => Learned;
}

const corId = (output: Record<string, unknown>) => Number(output.cor_id);

/** `fileUrl`: a file anyone can download, for Upload File to Task (the sandbox's, or COR_VERIFY_FILE_URL live), asked for when the step runs. */
export const byCorIdSteps = (name: string, fileUrl: () => string): ByCorIdStep[] => [
  { key: 'create_project', input: (i) => ({ name, client_id: i.client, pm_id: i.me, start: '2026-03-02', end: '2026-04-30', status: 'active' }), learn: (o) => ({ project: corId(o) }) },
  { key: 'update_project', input: (i) => ({ project_id: i.project, status: 'suspended', brief: 'On hold' }) },
  { key: 'add_users_to_project', input: (i) => ({ project_id: i.project, usersIds: [i.me] }) },
  { key: 'post_project_update', input: (i) => ({ project_id: i.project, message: 'Kick-off on Monday' }) },
  { key: 'add_project_cost', input: (i) => ({ project_id: i.project, title: 'Stock photos', cost: '120.5', datetime: '2026-03-03' }), learn: (o) => ({ cost: corId(o) }) },
  {
    key: 'create_task',
    input: (i) => ({ title: `${name}: brief`, project_id: i.project, description: 'One page', status: 'en_proceso', priority: 1, collaborators: [i.me] }),
    learn: (o) => ({ task: corId(o) }),
  },
  { key: 'update_task', input: (i) => ({ in_project_id: i.project, task_id: i.task, status: 'finalizada' }) },
  { key: 'assign_users_to_task', input: (i) => ({ task_id: i.task, collaborators: [i.me] }) },
  { key: 'add_comment_to_task', input: (i) => ({ task_id: i.task, message: 'Done' }) },
  { key: 'upload_file_to_task', input: (i) => ({ task_id: i.task, file: fileUrl(), file_name: `${name} brief.txt` }), learn: (o) => ({ file: corId(o) }) },
  { key: 'attach_cloud_file_to_task', input: (i) => ({ task_id: i.task, source_type: 'Google Drive', filename: 'https://drive.google.com/file/d/1AbC/view', originalname: 'brief.pdf' }) },
  { key: 'log_time', input: (i) => ({ task_log_id: i.task, start: '2026-03-03T09:00:00-03:00', duration: 1.25 }), learn: (o) => ({ entry: corId(o) }) },
  { key: 'change_time_entry_status', input: (i) => ({ counters: [i.entry], status: 'approved' }) },
  { key: 'api_request', input: (i) => ({ method: 'GET', path: `/tasks/${i.task}` }) },
];

/**
 * Removing what the round trip made, with API Request: COR documents these deletes, and no action
 * offers them. COR documents no delete of a time entry: the one logged goes with its task, if at all.
 */
export const byCorIdCleanup: ByCorIdStep[] = [
  { key: 'api_request', input: (i) => ({ method: 'DELETE', path: `/projects/${i.project}/project_cost/${i.cost}` }) },
  { key: 'api_request', input: (i) => ({ method: 'DELETE', path: `/tasks/${i.task}` }) },
  { key: 'api_request', input: (i) => ({ method: 'DELETE', path: `/projects/${i.project}` }) },
];

/** Whether every COR ID a step's input names is known. */
export const canRun = (input: Record<string, unknown>): boolean =>
  !Object.values(input)
    .flat()
    .some((v) => v === undefined || Number.isNaN(v));
