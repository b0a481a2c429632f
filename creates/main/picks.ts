/** The COR records main-API actions pick, each a dropdown of names that a Find step can also fill. */
import { pickField } from '../../src/model/fields.js';

export const projectPick = (help?: string, required = false) => pickField('project_id', 'Project', 'list_projects', { help, required, search: 'find_project', example: 155693 });
export const taskPick = (key = 'task_id') =>
  pickField(key, 'Task', 'list_tasks', { required: true, search: 'find_task', example: 4411, help: "Listed by title; fill in Project of the Task above to list one project's tasks only." });
/** Narrows the task dropdown; COR never sees it. */
export const taskProjectFilter = {
  ...pickField('in_project_id', 'Project of the Task', 'list_projects', { help: "Lists only this project's tasks in the Task dropdown. Not sent to COR.", example: 155693 }),
  option: true,
};
export const usersPick = (key: string, label: string, help?: string, required = false) => pickField(key, label, 'list_users', { help, required, many: true, example: 8546 });
export const userPick = (key: string, label: string, help: string) => pickField(key, label, 'list_users', { help, search: 'find_user', example: 8546 });
export const clientPick = (help?: string, required = false) => pickField('client_id', 'Client', 'list_clients', { help, required, search: 'find_client', example: 25855 });
