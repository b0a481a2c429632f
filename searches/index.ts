/** "Find …" searches over COR's main API, as descriptions run by src/polling.ts. */
import { searchAction, type SearchSpec } from '../src/search.js';
import * as out from '../triggers/outputs.js';

export const searchSpecs: SearchSpec[] = [
  { key: 'find_project', noun: 'Project', byName: '/projects/search-by-name/{q}', byId: '/projects/{id}', nameLabel: 'Project Name', outputs: out.project },
  { key: 'find_client', noun: 'Client', byName: '/clients/search-by-name/{q}', byId: '/clients/{id}', nameLabel: 'Client Name', outputs: out.client },
  { key: 'find_user', noun: 'User', byName: '/users/search-by-name/{q}', nameLabel: 'User Name', outputs: out.user },
  { key: 'find_task', noun: 'Task', byName: '/tasks/search-by-title/{q}', byId: '/tasks/{id}', nameLabel: 'Task Title', outputs: out.task },
];

const searchList = searchSpecs.map(searchAction);
export const searches = Object.fromEntries(searchList.map((s) => [s.key, s])) as Record<string, (typeof searchList)[number]>;

/** Find or Create: where a create exists for the same entity. */
export const searchOrCreates = Object.fromEntries(
  (['project', 'client', 'user'] as const).map((key) => {
    const noun = key[0]!.toUpperCase() + key.slice(1);
    return [
      `find_${key}`,
      { key: `find_${key}`, display: { label: `Find or Create ${noun}`, description: `Finds a COR ${key}; creates it when none is found.` }, search: `find_${key}`, create: `create_${key}` },
    ];
  }),
);
