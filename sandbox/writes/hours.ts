/**
 * Time entries: `POST /v1/hours` logs time on a task for the connected user (the `/v1/me` user),
 * listed by `GET /v1/hours` with its filters; `POST /v1/hours/status-change` sets the status of
 * some. Times are kept as COR shows them: naive, in UTC, and the duration in decimal hours.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { corTime, type MainRecord } from '../main-api.js';
import { validation } from '../state.js';
import { userSummary, type WriteContext } from './context.js';
import { instant, int } from './fields.js';

const HourInput = z.object({ task_log_id: int, start: instant, stop: instant.optional() });
const StatusChange = z.object({ status: z.string(), counters: z.array(int) });

/** COR's duration: hours as a decimal text ("2.0000000000000000", in the document's example and the sandbox's bulk entries). */
export const decimalHours = (ms: number): string => (ms / 3_600_000).toFixed(16);

/** The task's project and that project's client, as a time entry names them (null for a task without a project). */
const placeOf = (ctx: WriteContext, task: MainRecord) => {
  const project = task.item.project_id == null ? undefined : ctx.record('projects', task.item.project_id);
  const clientId = project?.item.client_id as number | undefined;
  const clientName = (project?.item.client as { name?: unknown } | null | undefined)?.name ?? (clientId === undefined ? undefined : ctx.record('clients', clientId)?.item.name);
  return {
    project: project ? { id: project.id, name: project.item.name as string, client_id: clientId ?? null, contract_id: project.item.contract_id ?? null } : null,
    client: clientId === undefined || clientId === null ? null : { id: clientId, name: clientName ?? null },
  };
};

/** The time entry as COR's Hour schema shows it; running (no stop, no duration) when no stop is given. */
const newHour = (ctx: WriteContext, id: number, task: MainRecord, start: number, stop: number | undefined) => {
  const { project, client } = placeOf(ctx, task);
  const { text } = ctx.clock();
  return {
    id,
    start: corTime(start),
    stop: stop === undefined ? null : corTime(stop),
    duration: stop === undefined ? null : decimalHours(stop - start),
    cost: 0,
    user_id: ctx.me.id,
    task_log_id: task.id,
    project_id: project?.id ?? null,
    client_id: client?.id ?? null,
    created_at: text,
    status: 'pending',
    status_changed_by: null,
    status_changed_at: null,
    type: 'TASK',
    task_log_rework_id: null,
    comments: null,
    user: { ...userSummary(ctx.me), gmt: ctx.me.gmt },
    client,
    project: project && { id: project.id, name: project.name },
    task: {
      id: task.id,
      title: task.item.title,
      project_id: project?.id ?? null,
      task_father: null,
      status: task.item.status,
      father: null,
      project: project && { ...project, client: client && { ...client, client_status_id: 1 }, has_expired_contract: false },
      labels: [],
    },
    userPosition: null,
    billInput: null,
  };
};

export const registerHourWrites = (app: FastifyInstance, ctx: WriteContext) => {
  app.post('/v1/hours', async (request) => {
    const body = ctx.read(HourInput, request.body);
    const task = ctx.record('tasks', body.task_log_id);
    if (!task) throw ctx.notFound('Task', body.task_log_id);
    if (body.stop !== undefined && body.stop < body.start) throw validation('stop must not be before start', [{ field: 'stop', message: 'Before start' }]);
    const { ms } = ctx.clock();
    const id = ctx.state.nextId();
    const record = { id, item: newHour(ctx, id, task, body.start, body.stop), createdAt: ms, updatedAt: ms, userId: ctx.me.id };
    ctx.api.add('hours', [record]);
    return record.item;
  });

  // COR documents no body for the 200: the sandbox answers a message, as COR's other changes do.
  app.post('/v1/hours/status-change', async (request) => {
    const { status, counters } = ctx.read(StatusChange, request.body);
    const unknown = counters.filter((id) => !ctx.record('hours', id));
    if (unknown.length) throw validation(`No time entries with the COR IDs ${unknown.join(', ')}`, [{ field: 'counters', message: `Unknown: ${unknown.join(', ')}` }]);
    const { ms, text } = ctx.clock();
    for (const id of new Set(counters)) ctx.api.update('hours', id, { status, status_changed_at: text, status_changed_by: ctx.me.id }, ms);
    return { message: 'Status changed successfully' };
  });
};
