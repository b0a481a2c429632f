/**
 * What hangs off a project: its collaborators (`…/collaborators`: a form POST adds users, those
 * already there stay; COR's documented 400 `PC001` for a missing project or an unknown user) and its
 * costs (`…/project_cost`, and `…/project_cost/{project_cost_id}` to delete one).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { CorError } from '../state.js';
import { userSummary, type WriteContext } from './context.js';
import { given, ids, int, num } from './fields.js';

const CollaboratorsForm = z.object({ usersIds: ids.optional() });
const ProjectCostInput = z.object({ title: z.string(), cost: num, datetime: z.string(), label_id: int.optional(), project_estimate_id: int.optional(), id_project_history: int.optional() });

const pc001 = (message: string) => new CorError(400, { name: 'CORCustomError', code: 'PC001', message });

/** Each project's collaborators, in the order they joined. */
export const projectTeams = (ctx: WriteContext) => {
  const members = new Map<number, number[]>();
  ctx.api.onClear(() => members.clear());
  return {
    /** Adds users to a project (those already there stay): PC001 when one is unknown. */
    add(projectId: number, userIds: number[]) {
      const unknown = userIds.filter((id) => !ctx.user(id));
      if (unknown.length) throw pc001(`Users not found in the company: ${unknown.join(', ')}`);
      members.set(projectId, [...new Set([...(members.get(projectId) ?? []), ...userIds])]);
    },
    /** As COR's ProjectCollaborator shows them (the sandbox keeps no capacity: 0 remaining hours). */
    list: (projectId: number) => (members.get(projectId) ?? []).map((id) => ({ ...userSummary(ctx.user(id)!), picture: null, remaining_hours: 0 })),
  };
};

export type ProjectTeams = ReturnType<typeof projectTeams>;

export const registerProjectParts = (app: FastifyInstance, ctx: WriteContext, teams: ProjectTeams) => {
  const projectOf = (params: unknown, missing: (id: string) => CorError): number => {
    const { project_id } = params as { project_id: string };
    const project = ctx.record('projects', project_id);
    if (!project) throw missing(project_id);
    return project.id;
  };
  const notInCompany = (id: string) => pc001(`Project ${id} not found in the company`);
  const costs = new Map<number, Record<string, unknown>[]>();
  ctx.api.onClear(() => costs.clear());

  app.get('/v1/projects/:project_id/collaborators', async (request) => teams.list(projectOf(request.params, notInCompany)));
  app.post('/v1/projects/:project_id/collaborators', async (request, reply) => {
    const projectId = projectOf(request.params, notInCompany);
    const { usersIds = [] } = ctx.read(CollaboratorsForm, request.body);
    if (!usersIds.length) throw pc001('usersIds must name at least one user');
    teams.add(projectId, usersIds);
    return reply.code(201).send({ message: 'Collaborators added successfully' });
  });

  // COR documents no error for a missing project: 404, as the main API's get by ID answers.
  app.get('/v1/projects/:project_id/project_cost', async (request) => costs.get(projectOf(request.params, (id) => ctx.notFound('Project', id))) ?? []);
  app.post('/v1/projects/:project_id/project_cost', async (request) => {
    const projectId = projectOf(request.params, (id) => ctx.notFound('Project', id));
    const cost = { id: ctx.state.nextId(), project_id: projectId, ...given(ctx.read(ProjectCostInput, request.body)) };
    costs.set(projectId, [...(costs.get(projectId) ?? []), cost]);
    return cost;
  });
  app.delete('/v1/projects/:project_id/project_cost/:project_cost_id', async (request, reply) => {
    const projectId = projectOf(request.params, (id) => ctx.notFound('Project', id));
    const { project_cost_id } = request.params as { project_cost_id: string };
    const kept = costs.get(projectId) ?? [];
    if (!kept.some((c) => String(c.id) === project_cost_id)) throw ctx.notFound('Project cost', project_cost_id);
    const left = kept.filter((c) => String(c.id) !== project_cost_id);
    costs.set(projectId, left);
    return reply.code(204).send();
  });
};
