/** Fields a project has alike on both APIs, described once. */
import type { FieldSpec } from '../src/model/entity.js';
import { INCOME_TYPES } from '../src/request/config.js';

export const incomeTypeField: FieldSpec = { key: 'income_type', label: 'Income Type', type: 'string', help: 'How the project earns money.', choices: INCOME_TYPES, example: 'one_time' };
