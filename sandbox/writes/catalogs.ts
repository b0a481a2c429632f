/**
 * What a company sets up once and the app offers in dropdowns, seeded: project templates
 * (`GET /v1/projectTemplates`, paginated, `filters.name`) and project labels in their categories
 * (`GET /v1/categories/labels-model?model=project`). Fixed COR IDs, below those the sandbox gives.
 */
import type { FastifyInstance } from 'fastify';
import { pageOf } from '../main-api.js';
import { validation } from '../state.js';

export const PROJECT_TEMPLATES = [
  { id: 12, name: 'Website Project' },
  { id: 13, name: 'Campaign Launch' },
  { id: 14, name: 'Monthly Retainer' },
];

const label = (id: number, name: string, hex: string, color_id: number) => ({ id, hex, hsl: null, rgb: null, lang: 'en', name, color_id });

/** Project labels by category, as COR's Category schema shows them. */
export const PROJECT_LABEL_CATEGORIES = [
  { id: 201, name: 'Project Type', labels: [label(3001, 'Website', '#3357FF', 10), label(3002, 'Campaign', '#FF5733', 11), label(3003, 'Retainer', '#33FF57', 12)] },
  { id: 202, name: 'Account Tier', labels: [label(3101, 'Key Account', '#FFC300', 14), label(3102, 'Internal', '#FF33A1', 15)] },
];

/** The `filters` query parameter: URL-encoded JSON, as every main-API list takes it. */
const filtersOf = (text: string | undefined): Record<string, unknown> => {
  if (text === undefined) return {};
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw validation('filters is not JSON', [{ field: 'filters', message: 'Not JSON' }]);
  }
};

export const registerCatalogs = (app: FastifyInstance) => {
  app.get('/v1/projectTemplates', async (request) => {
    const query = request.query as Record<string, string | undefined>;
    const name = filtersOf(query.filters).name;
    const wanted = name === undefined ? PROJECT_TEMPLATES : PROJECT_TEMPLATES.filter((t) => t.name.toLowerCase().includes(String(name).toLowerCase()));
    return pageOf(wanted, query);
  });
  // Only project labels are seeded: user and task labels are an empty list.
  app.get('/v1/categories/labels-model', async (request) => ((request.query as { model?: string }).model === 'project' ? PROJECT_LABEL_CATEGORIES : []));
};
