/**
 * `POST /v1/projects`, `PUT` (JSON, or a form) and `DELETE /v1/projects/{project_id}`: projects the
 * main API lists like the others, with their client and PM. An update of a project the Integrations
 * API created is kept as standing writes over it (main-api.ts), so both APIs' later writes show.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { PROJECT_TEMPLATES } from './catalogs.js';
import type { WriteContext } from './context.js';
import { bool, given, ids, int, num } from './fields.js';
import type { ProjectTeams } from './project-parts.js';

/** What ProjectInput and ProjectPutUpdateBody share, read; the estimation details (positions, categories, teams) are not kept. */
const ProjectFields = z.object({
  name: z.string(),
  client_id: int,
  brief: z.string().optional(),
  start: z.string().optional(),
  end: z.string().optional(),
  pm_id: int.optional(),
  estimated_time: num.optional(),
  billable: bool.optional(),
  status: z.string().optional(),
  currency_id: int.optional(),
  evaluation_date: z.string().optional(),
  estimated: num.optional(),
  fee_id: int.optional(),
  contract_id: int.optional(),
  deliverables: z.string().optional(),
  work_order: z.string().optional(),
  income_type: z.string().optional(),
  archived: bool.optional(),
  labels: ids.optional(),
  estimated_by_position: bool.optional(),
  estimation_by_categories: z.union([bool, int]).optional(),
  estimated_by_hourly_rates: bool.optional(),
  ratecard_id: int.optional(),
});
const ProjectInput = ProjectFields.extend({ template_id: int.optional(), brand_id: int.optional(), product_id: int.optional(), collaborators: ids.optional() });
const ProjectPutUpdateBody = ProjectFields.partial();

type ProjectBody = z.infer<typeof ProjectPutUpdateBody> & { template_id?: number; brand_id?: number; product_id?: number };

/** What a project has before its body is applied (COR documents no defaults: these are the sandbox's bulk projects'). */
const DEFAULTS = {
  brief: null,
  pm_id: null,
  pm: null,
  status: 'active',
  health: 1,
  start: null,
  end: null,
  estimated_time: 0,
  elapsed_time: 0,
  archived: false,
  billable: true,
  income_type: 'fee',
  labels: [],
};

/** The item fields a project body sets, with its linked client and PM (a template and a client must be known). */
const projectFields = (ctx: WriteContext) => {
  /** The client as a project shows it; 404 for a client the main API does not list (COR documents no error). */
  const clientFields = (clientId: number) => {
    const client = ctx.record('clients', clientId);
    if (!client) throw ctx.notFound('Client', clientId);
    return { client_id: clientId, client: { id: clientId, name: client.item.name, client_status_id: 1 } };
  };
  /** The PM as a project shows it, where the main API knows the user. */
  const pmFields = (pmId: number) => {
    const pm = ctx.user(pmId);
    return { pm_id: pmId, pm: pm ? { id: pmId, first_name: pm.first_name, last_name: pm.last_name, email: pm.email, role_id: pm.role_id } : null };
  };
  /** Dates as COR shows them, linked records, the ratecard under COR's own name for it. */
  return (body: ProjectBody): Record<string, unknown> => {
    const { start, end, client_id, pm_id, ratecard_id, template_id, ...rest } = body;
    if (template_id !== undefined && !PROJECT_TEMPLATES.some((t) => t.id === template_id)) throw ctx.notFound('Project template', template_id);
    return given({
      ...rest,
      template_id,
      start: start && `${start} 00:00:00`,
      end: end && `${end} 00:00:00`,
      user_positions_header_id: ratecard_id,
      ...(client_id === undefined ? {} : clientFields(client_id)),
      ...(pm_id === undefined ? {} : pmFields(pm_id)),
    });
  };
};

export const registerProjectWrites = (app: FastifyInstance, ctx: WriteContext, teams: ProjectTeams) => {
  const fieldsOf = projectFields(ctx);

  app.post('/v1/projects', async (request) => {
    const { collaborators, ...body } = ctx.read(ProjectInput, request.body);
    const fields = fieldsOf(body);
    const { ms, text } = ctx.clock();
    const id = ctx.state.nextId();
    if (collaborators) teams.add(id, collaborators);
    const item = { id, ...DEFAULTS, ...fields, created_by: ctx.me.id, company_id: 2336, created_at: text, updated_at: text };
    ctx.api.add('projects', [{ id, item, createdAt: ms, updatedAt: ms }]);
    return item;
  });

  // Only what is sent changes, and updated_at moves on.
  app.put('/v1/projects/:project_id', async (request) => {
    const { project_id } = request.params as { project_id: string };
    const project = ctx.record('projects', project_id);
    if (!project) throw ctx.notFound('Project', project_id);
    const fields = fieldsOf(ctx.read(ProjectPutUpdateBody, request.body));
    const { ms, text } = ctx.clock();
    return ctx.api.update('projects', project.id, { ...fields, updated_at: text }, ms)!.item;
  });

  // 204, as documented.
  app.delete('/v1/projects/:project_id', async (request, reply) => {
    const { project_id } = request.params as { project_id: string };
    const project = ctx.record('projects', project_id);
    if (!project) throw ctx.notFound('Project', project_id);
    ctx.api.delete('projects', project.id);
    return reply.code(204).send();
  });
};
