/**
 * Every entity the app supports. Adding an entity = one file in creates/ plus one line here;
 * its actions, validation, samples and README entries follow from the description.
 */
import type { EntitySpec } from '../src/model/entity.js';
import brands from './brands.js';
import categories from './categories.js';
import clients from './clients.js';
import contracts from './contracts.js';
import currencyExchanges from './currency-exchanges.js';
import leaveTypes from './leave-types.js';
import leaves from './leaves.js';
import positions from './positions.js';
import products from './products.js';
import projects from './projects.js';
import seniority from './seniority.js';
import teams from './teams.js';
import users from './users.js';
import workingTime from './working-time.js';
import workspaces from './workspaces.js';

export const entities: readonly EntitySpec[] = [
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
