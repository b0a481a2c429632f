/**
 * A task's files, kept in the main API's store (main-api.ts's `attachments`, beside the bulk ones),
 * which lists them per task and per project in the configured order:
 * - `POST /v1/tasks/:task_id/attachments` uploads files (multipart, one or more parts `file`, read
 *   streamed by sandbox/openapi/forms.ts) and keeps their bytes: 200 TaskAttachmentUploadResponse
 *   (with `errors` for the parts refused beside those kept), 400 AttachmentUploadBadRequest `FS001`
 *   when none could be kept (no file part, an empty file, an extension of BLOCKED, a file larger than
 *   the `maxFileBytes` setting), 417 when the task names nothing. Its body may reach UPLOAD_BODY_LIMIT.
 * - `GET /storage/:token/:name` serves an uploaded file's bytes back, streamed: the `url` of its
 *   record, on the sandbox itself. Not a /v1 path (no contract check), but like every route it takes
 *   the Bearer token (server.ts's onRequest hook): 401 without it.
 * - `POST /v1/tasks/:task_id/attachments/source/:source_type` keeps a link (no bytes) from a cloud
 *   service, as COR's document says: 400 CORCustomError AC001 for another service, 417 for no task.
 * Each is kept as the task's list shows it (TaskAttachmentDetail, `fileDetail`).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { attachmentDisposition, contentTypeOf, createFileStore, extensionOf, fileStream } from '../files.js';
import type { MainRecord } from '../main-api.js';
import type { MultipartRouteConfig } from '../openapi/bodies.js';
import type { FilePart, FormFields, MultipartBody } from '../openapi/forms.js';
import { userSummary, type WriteContext } from './context.js';

const SOURCES = ['GoogleDrive', 'DropBox', 'OneDrive'];
const SourceInput = z.object({ filename: z.string(), originalname: z.string(), size: z.number().int().min(0).optional() });

/** Extensions an upload refuses. */
const BLOCKED = ['exe', 'bat', 'sh', 'js'];
/** The largest upload body the route reads (the files and their fields); a larger one is a 413. */
export const UPLOAD_BODY_LIMIT = 200 * 1024 * 1024;
/** The company the sandbox's user belongs to (as in its bulk leaves). */
const COMPANY_ID = 2336;

export type Kept = Record<string, unknown> & { id: number; name: string; url: string; created_at: string; file_type: string };

/** An uploaded file's bytes, by the token in its URL. */
interface Served {
  path: string;
  name: string;
  type: string;
  size: number;
}

/** COR's "Media category (e.g. `image`, `pdf`, `video`)"; the sandbox calls the rest documents. */
const mediaCategory = (name: string): string => {
  const type = contentTypeOf(name);
  return extensionOf(name) === 'pdf' ? 'pdf' : (['image', 'video', 'audio'].find((kind) => type.startsWith(`${kind}/`)) ?? 'document');
};

const unknownTask = (reply: FastifyReply) => reply.code(417).send([{ message: 'exists validation failed on task_id' }]);

/** Why a file part cannot be kept, or undefined. */
const refusalOf = (part: FilePart, maxFileBytes: number): string | undefined => {
  if (part.filename === '') return 'The file has no name';
  if (part.size === 0) return 'The file is empty';
  if (BLOCKED.includes(extensionOf(part.filename))) return 'Invalid file extension';
  if (part.tooLarge || part.size > maxFileBytes) return `File size exceeded (at most ${maxFileBytes} bytes)`;
  return undefined;
};

/** The upload's optional fields, read as COR would (the contract check has already checked their types). */
const uploadOptions = (fields: FormFields) => {
  const text = (name: string) => (typeof fields[name] === 'string' ? (fields[name] as string) : undefined);
  return {
    available: text('available') !== 'false',
    attachment_parent_id: text('attachment_parent_id') ? Number(text('attachment_parent_id')) : null,
    status: text('status') || null,
    created_from: text('created_from') ?? 'task_panel',
    session_token: text('session_token') ?? null,
  };
};

interface Upload {
  id: number;
  task: MainRecord;
  part: FilePart;
  /** Its token in the store. */
  token: string;
  at: number;
  userId: number;
  /** The sandbox's origin, as the request named it. */
  origin: string;
}

/** An uploaded file as COR's TaskAttachmentUploadedFile shows it; its `url` on the sandbox's own /storage. */
const uploadRecord = ({ id, task, part, token, at, userId, origin }: Upload, fields: FormFields): Kept => {
  const name = part.filename;
  const time = new Date(at).toISOString();
  return {
    id,
    url: `${origin}/storage/${token}/${encodeURIComponent(name)}`,
    name,
    originalname: name,
    created_at: time,
    updated_at: time,
    source: 'S3',
    size: part.size,
    filename: `tasks/${task.id}/${token}/${name}`,
    ...uploadOptions(fields),
    item_id: task.id,
    parent_id: task.id,
    task_log_id: task.id,
    type: 'tasks',
    file_type: extensionOf(name),
    media_type: mediaCategory(name),
    version: 1,
    token,
    user_id: userId,
    company_id: COMPANY_ID,
    discussions_id: null,
    task_log_reworks_id: null,
    graphics_count: null,
  };
};

/** A file as a task's list shows it (TaskAttachmentDetail), from what its upload or link answered and its uploader. */
export const fileDetail = (taskId: number, kept: Kept, user: Record<string, unknown> | undefined) => ({
  id: kept.id,
  url: kept.url,
  size: kept.size ?? 0,
  source: kept.source,
  user_id: kept.user_id,
  available: kept.available ?? true,
  file_type: kept.file_type,
  media_type: kept.media_type ?? mediaCategory(kept.name),
  created_at: kept.created_at,
  updated_at: kept.updated_at ?? kept.created_at,
  originalname: kept.originalname ?? kept.name,
  discussions_id: null,
  parent_type: 'tasks',
  name: kept.name,
  parent_id: taskId,
  attachment_parent_id: kept.attachment_parent_id ?? null,
  version: 1,
  status: kept.status ?? null,
  currentVersionData: null,
  currentVersionId: kept.id,
  currentVersion: 1,
  user: user ? userSummary(user) : null,
  graphicsCount: null,
  taskLogReworksId: null,
  createdFrom: kept.created_from ?? 'task_panel',
});

export const registerAttachments = (app: FastifyInstance, ctx: WriteContext, filesDir: string) => {
  const served = new Map<string, Served>();
  const store = createFileStore(filesDir);
  ctx.api.onClear(() => {
    served.clear();
    store.clear();
  });
  /** Keeps a file on a task, in the main API's store, as the task's list shows it. */
  const add = (taskId: number, kept: Kept) => {
    const at = Date.parse(kept.created_at);
    ctx.api.add('attachments', [{ id: kept.id, item: fileDetail(taskId, kept, ctx.user(Number(kept.user_id))), createdAt: at, updatedAt: at }]);
  };

  /** Moves an uploaded part into the store and keeps it on the task: the record COR answers with. */
  const keepUpload = async (task: MainRecord, part: FilePart, fields: FormFields, origin: string): Promise<Kept> => {
    const { token, path } = await store.keep(part.path!);
    served.set(token, { path, name: part.filename, type: contentTypeOf(part.filename, part.type), size: part.size });
    const record = uploadRecord({ id: ctx.state.nextId(), task, part, token, at: ctx.clock().ms, userId: ctx.me.id, origin }, fields);
    add(task.id, record);
    return record;
  };
  const count = (taskId: number) => ctx.api.listOf('attachments').filter((file) => file.item.parent_id === taskId).length;

  registerUpload(app, ctx, { keepUpload, count });
  registerCloudSource(app, ctx, add);
  registerStorage(app, served);
};

interface Uploads {
  keepUpload: (task: MainRecord, part: FilePart, fields: FormFields, origin: string) => Promise<Kept>;
  count: (taskId: number) => number;
}

/** The upload: each `file` part kept or refused; 400 FS001 when none is kept. */
const registerUpload = (app: FastifyInstance, ctx: WriteContext, uploads: Uploads) => {
  const config: MultipartRouteConfig = { maxFileBytes: () => ctx.api.settings.maxFileBytes };
  app.post('/v1/tasks/:task_id/attachments', { bodyLimit: UPLOAD_BODY_LIMIT, config }, async (request, reply) => {
    const task = ctx.record('tasks', (request.params as { task_id: string }).task_id);
    if (!task) return unknownTask(reply);
    const body = (request.body as MultipartBody | undefined) ?? { fields: {}, files: {} };
    const parts = body.files.file ?? [];
    const refusals = parts.map((part) => refusalOf(part, ctx.api.settings.maxFileBytes));
    const errors = parts.flatMap((part, i) => (refusals[i] ? [{ filename: part.filename, message: refusals[i] }] : []));
    const kept = parts.filter((_, i) => !refusals[i]);
    if (!kept.length) {
      const why = errors.length ? errors : [{ filename: '', message: 'No file was sent' }];
      return reply.code(400).send({ status: 'ERROR', code: 'FS001', message: 'Unable to upload any file', errors: why });
    }
    const origin = `${request.protocol}://${request.host}`;
    const files: Kept[] = [];
    for (const part of kept) files.push(await uploads.keepUpload(task, part, body.fields, origin));
    return { files, files_q: uploads.count(task.id), ...(errors.length ? { errors } : {}) };
  });
};

/** A link to a file on a cloud service (no bytes). */
const registerCloudSource = (app: FastifyInstance, ctx: WriteContext, add: (taskId: number, kept: Kept) => void) => {
  app.post('/v1/tasks/:task_id/attachments/source/:source_type', async (request, reply) => {
    const { task_id, source_type } = request.params as { task_id: string; source_type: string };
    if (!SOURCES.includes(source_type)) return reply.code(400).send({ status: 400, name: 'CORCustomError', code: 'AC001', message: 'Invalid source type' });
    const task = ctx.record('tasks', task_id);
    if (!task) return unknownTask(reply);
    const body = ctx.read(SourceInput, request.body);
    const kept = {
      id: ctx.state.nextId(),
      url: body.filename,
      name: body.originalname,
      created_at: new Date(ctx.clock().ms).toISOString(),
      source: source_type,
      size: body.size ?? 0,
      file_type: extensionOf(body.originalname),
      media_type: mediaCategory(body.originalname),
      user_id: ctx.me.id,
      discussions_id: null,
      session_token: null,
    };
    add(task.id, kept);
    return kept;
  });
};

/** An uploaded file's bytes, streamed from the store, with its type, length and name. */
const registerStorage = (app: FastifyInstance, served: Map<string, Served>) => {
  app.get('/storage/:token/:name', async (request, reply) => {
    const { token, name } = request.params as { token: string; name: string };
    const file = served.get(token);
    if (!file || file.name !== name) return reply.code(404).send({ status: 'error', code: 'NOT_FOUND', message: 'File not found' });
    reply.header('content-type', file.type).header('content-length', file.size).header('content-disposition', attachmentDisposition(file.name));
    return reply.send(fileStream(file.path, file.size));
  });
};
