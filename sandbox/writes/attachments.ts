/**
 * A task's files from a cloud service: `POST /v1/tasks/:task_id/attachments/source/:source_type`
 * keeps a link (no bytes), as COR's document says: 400 CORCustomError AC001 for another service,
 * 417 when the task names nothing. The attachments are kept per task for the file triggers to list.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { WriteContext } from './context.js';

const SOURCES = ['GoogleDrive', 'DropBox', 'OneDrive'];
const SourceInput = z.object({ filename: z.string(), originalname: z.string(), size: z.number().int().min(0).optional() });

export const registerAttachments = (app: FastifyInstance, ctx: WriteContext) => {
  /** Task COR ID → its attachments, oldest first. */
  const attachments = new Map<number, Record<string, unknown>[]>();
  ctx.api.onClear(() => attachments.clear());

  app.post('/v1/tasks/:task_id/attachments/source/:source_type', async (request, reply) => {
    const { task_id, source_type } = request.params as { task_id: string; source_type: string };
    if (!SOURCES.includes(source_type)) return reply.code(400).send({ status: 400, name: 'CORCustomError', code: 'AC001', message: 'Invalid source type' });
    const task = ctx.record('tasks', task_id);
    if (!task) return reply.code(417).send([{ message: 'exists validation failed on task_id' }]);
    const body = ctx.read(SourceInput, request.body);
    const extension = /\.([A-Za-z0-9]+)$/.exec(body.originalname)?.[1]?.toLowerCase() ?? '';
    const kept = {
      id: ctx.state.nextId(),
      url: body.filename,
      name: body.originalname,
      created_at: new Date(ctx.clock().ms).toISOString(),
      source: source_type,
      size: body.size ?? 0,
      file_type: extension,
      media_type: 'application/octet-stream',
      user_id: ctx.me.id,
      discussions_id: null,
      session_token: null,
    };
    attachments.set(task.id, [...(attachments.get(task.id) ?? []), kept]);
    return kept;
  });
};
