/** "Find …" searches over COR's main API, as descriptions run by src/polling.ts. */
import { searchAction, type SearchSpec } from '../src/search.js';
import * as out from '../triggers/outputs.js';

const withCorId = (toOutput: (item: Record<string, unknown>) => Record<string, unknown>) => (item: Record<string, unknown>) => {
  const output = toOutput(item);
  return { ...output, cor_id: output.id };
};

export const searchSpecs: SearchSpec[] = [
  { key: 'find_project', noun: 'Project', byName: '/projects/search-by-name/{q}', byId: '/projects/{id}', nameLabel: 'Project Name',
    toOutput: withCorId(out.projectOutput), sample: withCorId(out.projectOutput)(out.samples.project), outputFields: out.projectFields },
  { key: 'find_client', noun: 'Client', byName: '/clients/search-by-name/{q}', byId: '/clients/{id}', nameLabel: 'Client Name',
    toOutput: withCorId(out.clientOutput), sample: withCorId(out.clientOutput)(out.samples.client), outputFields: out.clientFields },
  { key: 'find_user', noun: 'User', byName: '/users/search-by-name/{q}', nameLabel: 'User Name',
    toOutput: withCorId(out.userOutput), sample: withCorId(out.userOutput)(out.samples.user), outputFields: out.userFields },
  { key: 'find_task', noun: 'Task', byName: '/tasks/search-by-title/{q}', byId: '/tasks/{id}', nameLabel: 'Task Title',
    toOutput: withCorId(out.taskOutput), sample: withCorId(out.taskOutput)(out.samples.task), outputFields: out.taskFields },
];

const searchList = searchSpecs.map(searchAction);
export const searches = Object.fromEntries(searchList.map((s) => [s.key, s])) as Record<string, (typeof searchList)[number]>;

/** Find or Create: where a create exists for the same entity. */
export const searchOrCreates = Object.fromEntries(
  (['project', 'client', 'user'] as const).map((key) => {
    const noun = key[0]!.toUpperCase() + key.slice(1);
    return [`find_${key}`, { key: `find_${key}`, display: { label: `Find or Create ${noun}`, description: `Finds a COR ${key}; creates it when none is found.` }, search: `find_${key}`, create: `create_${key}` }];
  }),
);
