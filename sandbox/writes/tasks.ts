/** `POST /v1/tasks`, `PUT` and `DELETE /v1/tasks/{task_id}`: tasks the main API lists, gets by ID and finds by title. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { corTime } from '../main-api.js';
import type { WriteContext } from './context.js';
import { bool, given, instant, int } from './fields.js';

const TaskInput = z.object({ title: z.string(), project_id: int.optional() });
const TaskUpdateInput = TaskInput.extend({ description: z.string().optional(), deadline: instant.optional(), status: z.string().optional(), priority: int.optional(), archived: bool.optional() });

/** A new task as COR's Task schema shows it: new (`nueva`), low priority (0), not archived. */
const newTask = (id: number, title: string, projectId: number | null) => ({ id, title, project_id: projectId, description: null, deadline: null, status: 'nueva', priority: 0, archived: false });

export const registerTaskWrites = (app: FastifyInstance, ctx: WriteContext) => {
  /** A task's project must exist (COR documents no error: the sandbox answers 404, as its get by ID does). */
  const checkProject = (projectId: number | undefined) => {
    if (projectId !== undefined && !ctx.record('projects', projectId)) throw ctx.notFound('Project', projectId);
  };

  // A task without a project is allowed: the document requires only the title.
  app.post('/v1/tasks', async (request) => {
    const body = ctx.read(TaskInput, request.body);
    checkProject(body.project_id);
    const { ms } = ctx.clock();
    const record = { id: ctx.state.nextId(), item: {}, createdAt: ms, updatedAt: ms };
    record.item = newTask(record.id, body.title, body.project_id ?? null);
    ctx.api.add('tasks', [record]);
    return record.item;
  });

  // Only what is sent changes; the document requires the title on every update.
  app.put('/v1/tasks/:task_id', async (request) => {
    const { task_id } = request.params as { task_id: string };
    const task = ctx.record('tasks', task_id);
    if (!task) throw ctx.notFound('Task', task_id);
    const body = ctx.read(TaskUpdateInput, request.body);
    checkProject(body.project_id);
    const changes = given({ ...body, deadline: body.deadline === undefined ? undefined : corTime(body.deadline) });
    return ctx.api.update('tasks', task.id, changes, ctx.clock().ms)!.item;
  });

  // 204, as documented; the task's time entries stay (COR documents no delete of them).
  app.delete('/v1/tasks/:task_id', async (request, reply) => {
    const { task_id } = request.params as { task_id: string };
    const task = ctx.record('tasks', task_id);
    if (!task) throw ctx.notFound('Task', task_id);
    ctx.api.delete('tasks', task.id);
    return reply.code(204).send();
  });
};
