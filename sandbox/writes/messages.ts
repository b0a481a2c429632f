/**
 * Task and project conversations: `POST …/messages` posts a message as the connected user, `GET`
 * lists them, oldest first. COR documents no body for the POST's 200: the sandbox answers the
 * message it kept. The task's takes JSON, the project's a form (both `{message}`).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { WriteContext } from './context.js';

const MessageInput = z.object({ message: z.string() });

interface Conversation {
  kind: 'tasks' | 'projects';
  noun: string;
  /** The owner's COR ID in a message (`task_id`, `project_id`). */
  key: string;
  /** The POST's path and its parameter (COR's document names it `id` for projects, `project_id` for their GET). */
  post: string;
  postParam: string;
  get: string;
  getParam: string;
}

const CONVERSATIONS: Conversation[] = [
  { kind: 'tasks', noun: 'Task', key: 'task_id', post: '/v1/tasks/:task_id/messages', postParam: 'task_id', get: '/v1/tasks/:task_id/messages', getParam: 'task_id' },
  { kind: 'projects', noun: 'Project', key: 'project_id', post: '/v1/projects/:id/messages', postParam: 'id', get: '/v1/projects/:project_id/messages', getParam: 'project_id' },
];

export const registerMessages = (app: FastifyInstance, ctx: WriteContext) => {
  /** `tasks 12` → its messages, oldest first. */
  const messages = new Map<string, Record<string, unknown>[]>();
  ctx.api.onClear(() => messages.clear());

  for (const c of CONVERSATIONS) {
    /** The owner's COR ID, or 404 when it names nothing (COR documents no error). */
    const ownerOf = (params: unknown, param: string): number => {
      const id = (params as Record<string, string>)[param];
      const owner = ctx.record(c.kind, id);
      if (!owner) throw ctx.notFound(c.noun, id);
      return owner.id;
    };
    app.post(c.post, async (request) => {
      const owner = ownerOf(request.params, c.postParam);
      const { message } = ctx.read(MessageInput, request.body);
      const kept = { id: ctx.state.nextId(), message, [c.key]: owner, user_id: ctx.me.id, created_at: ctx.clock().text, attachments: [] };
      messages.set(`${c.kind} ${owner}`, [...(messages.get(`${c.kind} ${owner}`) ?? []), kept]);
      return kept;
    });
    app.get(c.get, async (request) => messages.get(`${c.kind} ${ownerOf(request.params, c.getParam)}`) ?? []);
  }
};
