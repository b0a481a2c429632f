/**
 * A task's collaborators: `GET` lists them, `POST` sets them. The POST is a sync (COR's words): the
 * array is the final list, users absent from it leave. A missing task or an unknown user is COR's
 * documented 417, an array of `{message}`.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { userSummary, type WriteContext } from './context.js';
import { bool, ids } from './fields.js';

const TaskCollaboratorsInput = z.object({ collaborators: ids, reasignEstimate: bool.optional() });

/** COR's 417: one `exists validation failed on …` per field that names nothing. */
const refused = (reply: FastifyReply, fields: string[]) => reply.code(417).send(fields.map((field) => ({ message: `exists validation failed on ${field}` })));

export const registerTaskCollaborators = (app: FastifyInstance, ctx: WriteContext) => {
  /** Task COR ID → user COR ID → when the user was assigned (COR's naive time). */
  const assigned = new Map<number, Map<number, string>>();
  ctx.api.onClear(() => assigned.clear());

  /** Each collaborator as COR's TaskCollaborator shows it (the sandbox keeps no estimates: 0 hours each). */
  const collaboratorsOf = (taskId: number) =>
    [...(assigned.get(taskId) ?? [])].map(([userId, created_at]) => {
      const user = ctx.user(userId)!;
      return {
        ...userSummary(user),
        email: user.email,
        user_position_id: user.user_position_id ?? null,
        role_id: user.role_id,
        userPosition: null,
        pivot: { user_id: userId, task_log_id: taskId, created_at, estimated_by_user: 0 },
      };
    });

  app.get('/v1/tasks/:task_id/collaborators', async (request) => {
    const { task_id } = request.params as { task_id: string };
    const task = ctx.record('tasks', task_id);
    if (!task) throw ctx.notFound('Task', task_id);
    return collaboratorsOf(task.id).map(({ id, first_name, last_name, pivot }) => ({ id, first_name, last_name, estimated_by_user: pivot.estimated_by_user }));
  });

  // `reasignEstimate` is read and has nothing to split: the sandbox keeps no task estimates.
  app.post('/v1/tasks/:task_id/collaborators', async (request, reply) => {
    const { task_id } = request.params as { task_id: string };
    const task = ctx.record('tasks', task_id);
    if (!task) return refused(reply, ['task_id']);
    const { collaborators } = ctx.read(TaskCollaboratorsInput, request.body);
    const unknown = collaborators.flatMap((id, i) => (ctx.user(id) ? [] : [`collaborators.${i}`]));
    if (unknown.length) return refused(reply, unknown);
    const before = assigned.get(task.id);
    const at = ctx.clock().text;
    assigned.set(task.id, new Map(collaborators.map((id) => [id, before?.get(id) ?? at])));
    return collaboratorsOf(task.id);
  });
};
