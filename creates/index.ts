/**
 * Every entity the app supports. Adding an entity = one file in creates/ plus one line here;
 * its actions, validation, samples and README entries follow from the description.
 */
import type { EntitySpec } from '../src/entity.js';
import leaves from './leaves.js';
import projects from './projects.js';

export const entities: readonly EntitySpec[] = [projects, leaves];
