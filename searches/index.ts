/** "Find …" searches over COR's main API, as descriptions run by src/reading/polling.ts. */
import { searchAction, type SearchSpec } from '../src/reading/search.js';
import * as out from '../triggers/outputs.js';

export const searchSpecs: SearchSpec[] = [
  {
    noun: 'Project',
    byName: '/projects/search-by-name/{q}',
    byId: { path: '/projects/{id}' },
    nameLabel: 'Project Name',
    nameHelp: 'The name as COR shows it.',
    dropdown: 'list_projects',
    outputs: out.project,
  },
  {
    noun: 'Client',
    byName: '/clients/search-by-name/{q}',
    byId: { path: '/clients/{id}' },
    nameLabel: 'Client Name',
    nameHelp: 'The name as COR shows it.',
    dropdown: 'list_clients',
    outputs: out.client,
  },
  // COR has no get-user-by-ID: a user is found by ID by reading the user list.
  {
    noun: 'User',
    byName: '/users/search-by-name/{q}',
    byId: { list: '/users' },
    nameLabel: 'Full Name',
    nameHelp: "The user's name as COR shows it: first name, last name or both.",
    dropdown: 'list_users',
    outputs: out.user,
  },
  { noun: 'Task', byName: '/tasks/search-by-title/{q}', byId: { path: '/tasks/{id}' }, nameLabel: 'Task Title', nameHelp: 'The title as COR shows it.', dropdown: 'list_tasks', outputs: out.task },
];

const searchList = searchSpecs.map(searchAction);
export const searches = Object.fromEntries(searchList.map((s) => [s.key, s])) as Record<string, (typeof searchList)[number]>;

/** Find or Create: where a create exists for the same entity. A project is made in COR by COR IDs, like what Find Project finds; clients and users by external ID. */
const CREATES = { project: 'create_project', client: 'create_client_by_external_id', user: 'create_user_by_external_id' } as const;

export const searchOrCreates = Object.fromEntries(
  Object.entries(CREATES).map(([key, create]) => {
    const noun = key[0]!.toUpperCase() + key.slice(1);
    return [`find_${key}`, { key: `find_${key}`, display: { label: `Find or Create ${noun}`, description: `Finds a ${key}; creates it when none is found.` }, search: `find_${key}`, create }];
  }),
);
