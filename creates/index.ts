/**
 * Every entity the app supports. Adding an entity = one file in creates/ plus one line here;
 * its actions, validation, samples and README entries follow from the description.
 */
import type { EntitySpec } from '../src/model/entity.js';
import brands from './integrations/brands.js';
import categories from './integrations/categories.js';
import clients from './integrations/clients.js';
import contracts from './integrations/contracts.js';
import currencyExchanges from './integrations/currency-exchanges.js';
import leaveTypes from './integrations/leave-types.js';
import leaves from './integrations/leaves.js';
import positions from './integrations/positions.js';
import products from './integrations/products.js';
import projects from './integrations/projects.js';
import seniority from './integrations/seniority.js';
import teams from './integrations/teams.js';
import users from './integrations/users.js';
import workingTime from './integrations/working-time.js';
import workspaces from './integrations/workspaces.js';
import apiRequest from './main/api-request.js';
import corProjects from './main/projects.js';
import tasks from './main/tasks.js';
import timeEntries from './main/time-entries.js';

/** Records picked in COR by their COR IDs (main API v1), then records kept by external ID (Integrations API). */
export const entities: readonly EntitySpec[] = [
  tasks,
  timeEntries,
  corProjects,
  apiRequest,
  clients,
  brands,
  products,
  projects,
  contracts,
  currencyExchanges,
  users,
  positions,
  categories,
  seniority,
  teams,
  workspaces,
  leaves,
  leaveTypes,
  workingTime,
];
