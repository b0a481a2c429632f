/**
 * The sandbox's form body parsers, and every parsed body kept as the contract check reads it: JSON
 * and form bodies as their raw text (the check reads a body as sent, not as a parser understood it),
 * a multipart body as read (its fields and its files' names; or the error that stopped the reading),
 * since it is streamed through busboy into temporary files and never held whole. Handlers get a form
 * as an object of strings and arrays of strings (a repeated key), a multipart body as its text fields
 * and files (`{filename, type, size, path}`). A temporary file the handler did not move away is
 * deleted as the answer is sent.
 */
import { errorCodes, type FastifyInstance, type FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { Transform } from 'node:stream';
import { filePartsOf, formFields, type MultipartBody, readMultipart, removeFileParts } from './forms.js';

/** A body as the contract check reads it: raw text or bytes, or a multipart body as read (an Error: it could not be). */
export type KeptBody = string | Buffer | MultipartBody | Error;

const raw = new WeakMap<FastifyRequest, KeptBody>();

/** Keeps the body as it arrived (the JSON parser calls this too). */
export const keepRawBody = (request: FastifyRequest, body: KeptBody): void => {
  raw.set(request, body);
};

/** The body as it arrived (a multipart body: as read), if it had one. */
export const rawBodyOf = (request: FastifyRequest): KeptBody | undefined => raw.get(request);

/**
 * A route's multipart options, in its `config`: `maxFileBytes` (read at each request) stops reading
 * a file part beyond it (the part is marked tooLarge). The route's bodyLimit bounds the whole body.
 */
export interface MultipartRouteConfig {
  maxFileBytes?: () => number;
}

/** Passes the body through, failing as fastify's own parsers do (413) once it exceeds `limit`. */
const limited = (limit: number): Transform => {
  let received = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      received += chunk.length;
      done(received > limit ? new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE() : null, chunk);
    },
  });
};

/**
 * Streams a multipart request into `dir`. fastify applies bodyLimit only to the bodies it reads
 * itself (`parseAs`), so this parser does: by Content-Length first, then by counting. A body that is
 * not readable multipart is left to the contract check to report: the rest of it is drained.
 */
const readRequest = async (request: FastifyRequest, payload: IncomingMessage, dir: string): Promise<MultipartBody | undefined> => {
  const limit = request.routeOptions.bodyLimit;
  if (Number(request.headers['content-length']) > limit) throw new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE();
  const maxFileBytes = (request.routeOptions.config as MultipartRouteConfig).maxFileBytes?.();
  try {
    const body = await readMultipart(payload.pipe(limited(limit)), request.headers['content-type'] ?? '', { dir, ...(maxFileBytes === undefined ? {} : { maxFileBytes }) });
    keepRawBody(request, body);
    return body;
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_ERR_CTP_BODY_TOO_LARGE') throw error;
    keepRawBody(request, error as Error);
    payload.unpipe();
    payload.resume();
    return undefined;
  }
};

/** The form parsers; multipart file parts are written to temporary files in `options.dir` (which the caller makes and removes). */
export const registerFormParsers = (app: FastifyInstance, options: { dir: string }): void => {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (request, body, done) => {
    keepRawBody(request, body as string);
    done(null, formFields(body as string));
  });
  app.addContentTypeParser('multipart/form-data', (request: FastifyRequest, payload: IncomingMessage) => readRequest(request, payload, options.dir));
  // Before the answer goes (so a client that got it finds them gone), and after it, should it never go.
  app.addHook('onSend', async (request, _reply, payload) => {
    await removeFileParts(filePartsOf(request.body));
    return payload;
  });
  app.addHook('onResponse', async (request) => removeFileParts(filePartsOf(request.body)));
};
