/**
 * The sandbox's form body parsers, and every parsed body's raw text kept for the contract check
 * (which reads a body as sent, not as a parser understood it). Handlers get a form as an object of
 * strings and arrays of strings (a repeated key), a multipart body as its text fields and files.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { formFields, multipartBody } from './forms.js';

const raw = new WeakMap<FastifyRequest, string | Buffer>();

/** Keeps the body as it arrived (the JSON parser calls this too). */
export const keepRawBody = (request: FastifyRequest, body: string | Buffer): void => {
  raw.set(request, body);
};

/** The body as it arrived, if it had one. */
export const rawBodyOf = (request: FastifyRequest): string | Buffer | undefined => raw.get(request);

export const registerFormParsers = (app: FastifyInstance): void => {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (request, body, done) => {
    keepRawBody(request, body as string);
    done(null, formFields(body as string));
  });
  // A body that is not readable multipart is left to the contract check to report, with the raw body it keeps.
  app.addContentTypeParser('multipart/form-data', { parseAs: 'buffer' }, async (request: FastifyRequest, body: string | Buffer) => {
    keepRawBody(request, body);
    return multipartBody(body, request.headers['content-type'] ?? '').catch(() => undefined);
  });
};
