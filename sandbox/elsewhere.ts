/**
 * "Elsewhere": a second local host beside the sandbox, standing for everything that is not COR, so
 * that a test can tell which host got what (each request's method, URL and headers: `requests`).
 * - A file host: `GET /files/:name?size=N&seed=S` streams N pseudo-random bytes (made chunk by
 *   chunk, never whole; the same seed gives the same bytes; the seed defaults to the name), typed
 *   by the name's extension, with Content-Length. `serve(name, bytes)` makes the name answer those
 *   bytes instead. `redirect=N` answers 302 N times first (each to the same URL with one fewer);
 *   `status=N` answers that status (a failing host).
 * - Zapier's file storage, as zapier-platform-core 19.1.0 calls it for z.stashFile (src/tools/
 *   create-rpc-client.js, create-file-stasher.js, uploader.js): `POST /rpc` takes `{id, method,
 *   params}` with an X-Token header (a step's token) or X-Deploy-Key (core's, where the step has none: no log is
 *   then sent to Zapier) and answers `{id, result}` (or `{id, error}`);
 *   `get_presigned_upload_post_data` gives `{url: '<origin>/s3/', fields: {key: 'stash/<random>'}}`;
 *   `POST /s3/` takes S3's browser upload (its fields, then the part `file`), keeps the file under the
 *   key with the Content-Type and Content-Disposition fields, and answers 204, after which the uploader
 *   returns `new URL(key, url)`: `GET /s3/<key>` serves the bytes back with those headers.
 *   zcache_* and get_cursor/set_cursor are kept in memory too.
 * Run a step with `rpc_base: '<origin>/rpc'` and a `token` in its event to stash here.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { attachmentDisposition, closeServer, contentTypeOf, createFileStore, type FileStore, fileStream, serverDir } from './files.js';
import { registerFormParsers } from './openapi/bodies.js';
import type { MultipartBody } from './openapi/forms.js';

/** One request elsewhere got. */
export interface ElsewhereRequest {
  method: string;
  /** Path and query. */
  url: string;
  headers: IncomingHttpHeaders;
}

/** A file stashed through the S3 upload. */
export interface StashedFile {
  key: string;
  path: string;
  size: number;
  /** The name the upload's file part gave. */
  filename: string;
  /** The upload's Content-Type field (else its file part's type). */
  contentType: string;
  /** The upload's Content-Disposition field, if any. */
  disposition?: string;
}

/** Options of a generated file's URL (fileUrl). */
export interface FileOptions {
  size?: number;
  seed?: string;
  redirect?: number;
  status?: number;
}

const CHUNK_BYTES = 64 * 1024;
/** The largest upload the S3 stand-in takes: zapier-platform-core's UPLOAD_MAX_SIZE (1 GB), and room for the fields. */
const STASH_BODY_LIMIT = 1000 * 1000 * 1000 + 64 * 1024;

/**
 * `size` pseudo-random bytes, made as they are read: AES-128-CTR's keystream under a key from `seed`,
 * so the same seed always gives the same bytes, however the stream is read.
 */
export const generatedBytes = (size: number, seed: string): Readable => {
  const cipher = createCipheriv('aes-128-ctr', createHash('sha256').update(seed).digest().subarray(0, 16), Buffer.alloc(16));
  const zeros = Buffer.alloc(CHUNK_BYTES);
  let left = size;
  return new Readable({
    read() {
      const length = Math.min(left, CHUNK_BYTES);
      left -= length;
      this.push(length > 0 ? cipher.update(zeros.subarray(0, length)) : null);
    },
  });
};

/** The sha256 (hex) of a stream's bytes, read to its end. */
export const sha256Of = async (stream: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): Promise<string> => {
  const hash = createHash('sha256');
  for await (const chunk of stream) hash.update(chunk);
  return hash.digest('hex');
};

/** The RPC methods, on the maps they keep. */
const rpcMethods = (origin: () => string) => {
  const cache = new Map<string, unknown>();
  let cursor: unknown = null;
  const methods: Record<string, (...params: unknown[]) => unknown> = {
    get_presigned_upload_post_data: () => ({ url: `${origin()}/s3/`, fields: { key: `stash/${randomBytes(12).toString('hex')}` } }),
    zcache_get: (key) => cache.get(String(key)) ?? null,
    zcache_set: (key, value) => Boolean(cache.set(String(key), value)),
    zcache_delete: (key) => cache.delete(String(key)),
    get_cursor: () => cursor,
    set_cursor: (value) => {
      cursor = value;
      return null;
    },
  };
  return { methods, clear: () => cache.clear() };
};

export const createElsewhere = () => {
  const app = Fastify({ logger: false });
  const dir = serverDir('cor-elsewhere');
  mkdirSync(join(dir, 'parts'));
  const store = createFileStore(join(dir, 'stash'));
  const requests: ElsewhereRequest[] = [];
  const fixed = new Map<string, { bytes: Buffer; contentType: string }>();
  const stashed = new Map<string, StashedFile>();
  const rpc = rpcMethods(() => app.listeningOrigin);

  app.addHook('onRequest', async (request) => {
    requests.push({ method: request.method, url: request.url, headers: { ...request.headers } });
  });
  registerFormParsers(app, { dir: join(dir, 'parts') });
  // Zapier's RPC client sends its JSON as text (no JSON Content-Type).
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  registerFiles(app, fixed);
  registerRpc(app, rpc.methods);
  registerStash(app, store, stashed);

  return {
    app,
    /** Every request elsewhere got, in order. */
    requests,
    /** Starts listening on loopback; port 0 picks a free one. Returns the base URL. */
    listen: (port = 0): Promise<string> => app.listen({ port, host: '127.0.0.1' }),
    /** The base URL (once listening). */
    get url(): string {
      return app.listeningOrigin;
    },
    /** The URL of a generated file (or of one `serve` made). */
    fileUrl(name: string, options: FileOptions = {}): string {
      const query = new URLSearchParams(Object.entries(options).map(([key, value]) => [key, String(value)]));
      return `${app.listeningOrigin}/files/${encodeURIComponent(name)}${query.size ? `?${query}` : ''}`;
    },
    /** Makes `GET /files/<name>` answer these bytes (typed by the name unless `contentType`); its URL. */
    serve(name: string, bytes: Buffer | string, contentType = contentTypeOf(name)): string {
      fixed.set(name, { bytes: Buffer.from(bytes), contentType });
      return `${app.listeningOrigin}/files/${encodeURIComponent(name)}`;
    },
    /** A file stashed through the S3 upload, by its URL or key. */
    stashed: (urlOrKey: string): StashedFile | undefined => stashed.get(urlOrKey.startsWith('http') ? decodeURIComponent(new URL(urlOrKey).pathname.replace(/^\/s3\//, '')) : urlOrKey),
    /** Forgets the requests, the files served and stashed, and the RPC's cache. */
    reset() {
      requests.length = 0;
      fixed.clear();
      stashed.clear();
      store.clear();
      rpc.clear();
    },
    /** Stops listening and deletes its files. */
    async close() {
      await closeServer(app);
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

export type Elsewhere = ReturnType<typeof createElsewhere>;

/** `GET /files/:name`: served or generated bytes, after any redirects; or a failing status. */
const registerFiles = (app: FastifyInstance, fixed: Map<string, { bytes: Buffer; contentType: string }>) => {
  app.get('/files/:name', async (request, reply) => {
    const { name } = request.params as { name: string };
    const query = request.query as Record<string, string | undefined>;
    const redirects = Number(query.redirect ?? 0);
    if (redirects > 0) {
      const next = new URLSearchParams(request.url.split('?')[1] ?? '');
      if (redirects > 1) next.set('redirect', String(redirects - 1));
      else next.delete('redirect');
      return reply.redirect(`/files/${encodeURIComponent(name)}${next.size ? `?${next}` : ''}`, 302);
    }
    if (query.status) return reply.code(Number(query.status)).type('text/plain').send(`elsewhere answers ${query.status}`);
    const kept = fixed.get(name);
    if (kept) return reply.type(kept.contentType).header('content-length', kept.bytes.length).send(kept.bytes);
    const size = Number(query.size ?? 1024);
    reply.type(contentTypeOf(name)).header('content-length', size);
    return reply.send(generatedBytes(size, query.seed ?? name));
  });
};

/** `POST /rpc`: Zapier's RPC, signed with X-Token or X-Deploy-Key. */
const registerRpc = (app: FastifyInstance, methods: Record<string, (...params: unknown[]) => unknown>) => {
  app.post('/rpc', async (request, reply) => {
    const call = (typeof request.body === 'string' ? JSON.parse(request.body) : request.body) as { id?: unknown; method?: string; params?: unknown[] };
    if (!request.headers['x-token'] && !request.headers['x-deploy-key']) return reply.code(401).send({ id: call.id, error: 'No X-Token or X-Deploy-Key header' });
    const method = methods[call.method ?? ''];
    if (!method) return { id: call.id, error: `Unknown RPC method ${call.method}` };
    return { id: call.id, result: method(...(call.params ?? [])) };
  });
};

/** `POST /s3/` keeps an upload under its key (204, as S3 answers a browser upload without a redirect); `GET /s3/<key>` serves it. */
const registerStash = (app: FastifyInstance, store: FileStore, stashed: Map<string, StashedFile>) => {
  app.post('/s3/', { bodyLimit: STASH_BODY_LIMIT }, async (request, reply) => {
    const body = request.body as MultipartBody | undefined;
    const key = body?.fields.key;
    const part = body?.files.file?.[0];
    if (!body || typeof key !== 'string' || !part?.path) {
      return reply.code(400).type('application/xml').send('<Error><Code>InvalidArgument</Code><Message>Bucket POST must contain a field named key, then a file</Message></Error>');
    }
    const { path } = await store.keep(part.path);
    const field = (name: string) => (typeof body.fields[name] === 'string' ? (body.fields[name] as string) : undefined);
    // A header carries ASCII safely: a name beyond it is served as RFC 6266's filename* instead.
    const disposition = field('Content-Disposition')?.replace(/^.*[^\x20-\x7e].*$/, attachmentDisposition(part.filename));
    stashed.set(key, { key, path, size: part.size, filename: part.filename, contentType: field('Content-Type') ?? part.type, ...(disposition ? { disposition } : {}) });
    return reply.code(204).send();
  });
  app.get('/s3/*', async (request, reply) => {
    const file = stashed.get((request.params as { '*': string })['*']);
    if (!file) return reply.code(404).type('application/xml').send('<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>');
    reply
      .type(file.contentType)
      .header('content-length', file.size)
      .header('content-disposition', file.disposition ?? attachmentDisposition(file.filename));
    return reply.send(fileStream(file.path, file.size));
  });
};
