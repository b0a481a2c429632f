/**
 * The one request layer: every call to COR (token, main API, Integrations API) goes through
 * `corRequest`, the `addCorHeaders` before-middleware and the answer reader (src/request/answers.ts).
 * Actions never build headers, URLs or error messages themselves. Every request of a step shares
 * the step's deadline, body included; redirects are never followed; answers are read by the answer reader, capped as they are decompressed.
 */
import type { Bundle, HttpRequestOptions, HttpResponse, ZObject } from 'zapier-platform-core';
import { apiBaseUrl, FRESH_TOKEN_MS, integrationsBaseUrl } from './config.js';
import { budgetText, msLeft } from './deadline.js';
import type { JsonValue } from '../records/item.js';
import { type Download, fileFailure, isCorUrl } from './downloads.js';
import { redact, teachLogScrubber } from './redact.js';
import FormData from 'form-data';

export const RECONNECT_MESSAGE =
  'COR refused this connection again right after Zapier signed in anew, so the API key was revoked or its COR user lost access. Reconnect COR in Zapier (My Apps) with a current API Key and Client Secret from COR (Settings › Integrations › API).';

/** Zapier refuses HTTP answers above 20 MB; COR's largest documented answer is a page of 50 records. */
export const MAX_ANSWER_BYTES = 20 * 1024 * 1024;

/** What the error messages need to phrase a failure in the Zap builder's terms. */
export interface CorRequestContext {
  /** The entity the step works on, as Zap builders name it ("Project"). */
  noun?: string;
  /** What the step was doing, as a verb phrase ("update", "attach users to"). */
  verb?: string;
  externalId?: string;
  source?: string;
  /** The entity has an update action (so "Create or Update" exists too); false for working time. */
  canUpdate?: boolean;
  /** The entity has a delete action. */
  canDelete?: boolean;
  /** External IDs of other entities this request names, for "…NotFoundError". */
  references?: { noun: string; label: string; value: string }[];
  /** The token exchange itself: no Bearer header. */
  isTokenRequest?: boolean;
  /** A search: 404 means "nothing found", not a failure. */
  notFoundIsEmpty?: boolean;
  /** Codes COR documents for this operation as "this external ID exists" (ZC004 on teams and seniority). */
  duplicateCodes?: readonly string[];
  /** The API the request went to (set by corRequest): the main API names records by COR ID, not external ID. */
  api?: CorApi;
  /** A file download (src/request/files.ts), named as messages say it ("the file"): its answer is the file, not JSON. */
  download?: string;
}

export type CorApi = 'main' | 'integrations';

export interface CorRequest {
  api: CorApi;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path below the API's base URL; anything user-given in it must already be URL-encoded. */
  path: string;
  body?: JsonValue;
  /** How the body is sent (default JSON); a form sends a list as repeated keys, as OpenAPI's form style does; multipart carries `files`. */
  encoding?: 'json' | 'form' | 'multipart';
  /** Multipart only: file parts by field name, streamed from their downloads as the request is sent. */
  files?: Record<string, Download>;
  params?: Record<string, string | number>;
  headers?: Record<string, string>;
  context?: CorRequestContext;
}

export const baseUrlFor = (api: CorApi): string => (api === 'main' ? apiBaseUrl() : integrationsBaseUrl());

/** The session token was obtained less than FRESH_TOKEN_MS ago (see getAccessToken). */
const tokenIsFresh = (bundle: Bundle): boolean => {
  const obtained = Number(bundle.authData?.token_obtained_at);
  return Number.isFinite(obtained) && obtained > 0 && Date.now() - obtained < FRESH_TOKEN_MS;
};

/** What the step was doing, as messages say it: "update this project". */
export const doing = (ctx: CorRequestContext): string =>
  ctx.isTokenRequest ? 'sign in' : ctx.verb === 'read' ? `read ${ctx.noun ?? 'records'}` : `${ctx.verb ?? 'change'} this ${(ctx.noun ?? 'record').toLowerCase()}`;

/** Network codes that mean the request never reached COR. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ERR_TLS_CERT_ALTNAME_INVALID', 'CERT_HAS_EXPIRED']);

/** What a write that may have happened means for replaying it: by external ID COR refuses a second create; by COR ID it makes one. */
export const MAY_HAVE_DONE_IT: Record<CorApi, string> = {
  integrations: ' COR may have done it. "Create or Update" actions are always safe to replay; a plain "Create" says so if the record now exists. Replay the step later.',
  main: ' COR may have done it: check in COR before you replay the step, because a replay does it again (a second task or time entry, say).',
};

/**
 * Failures before COR finished answering, and a 401 on a token just obtained, phrased for the
 * Zap builder. Everything else (COR's answers, already read by src/request/answers.ts) passes through.
 */
const transportError = (z: ZObject, bundle: Bundle, request: CorRequest, url: string, error: unknown): unknown => {
  const e = error as { name?: string; type?: string; code?: string };
  const ctx = request.context ?? {};
  const write = request.method !== 'GET';
  if (e.name === 'RefreshAuthError' && !ctx.isTokenRequest && tokenIsFresh(bundle)) return new z.errors.ExpiredAuthError(RECONNECT_MESSAGE);
  if (e.name === 'AbortError' || e.type === 'request-timeout' || e.type === 'body-timeout') {
    return new z.errors.Error(
      `COR did not finish answering within ${budgetText()}, the time this step has, while trying to ${doing(ctx)}.${write ? MAY_HAVE_DONE_IT[request.api] : ' Replay the step later.'}`,
      'Timeout',
    );
  }
  if (e.name !== 'FetchError') return error;
  const base = new URL(url).origin;
  if (NOT_SENT.has(e.code ?? '')) {
    return new z.errors.Error(
      `Zapier could not reach COR at ${base} to ${doing(ctx)} (${e.code}). Check the COR_API_BASE_URL and COR_INTEGRATIONS_BASE_URL settings if you changed them; otherwise COR is unreachable for now: replay the step later.`,
      'Unreachable',
    );
  }
  return new z.errors.Error(
    `The connection to COR at ${base} broke while trying to ${doing(ctx)} (${e.code ?? 'connection lost'}).${write ? MAY_HAVE_DONE_IT[request.api] : ' Replay the step later.'}`,
    'ConnectionLost',
  );
};

/** A form body: each key once, a list as the key repeated; objects do not occur in COR's form operations. */
export const formOf = (body: JsonValue | undefined): string => {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(body !== null && typeof body === 'object' && !Array.isArray(body) ? body : {})) {
    for (const item of Array.isArray(value) ? value : [value]) if (item !== null && item !== undefined) form.append(key, String(item));
  }
  return form.toString();
};

/** A multipart body: the fields as text parts, then each file streamed from its download (with its length where known). */
const multipartOf = (request: CorRequest): FormData => {
  const form = new FormData();
  for (const [key, value] of new URLSearchParams(formOf(request.body))) form.append(key, value);
  for (const [key, file] of Object.entries(request.files ?? {})) {
    form.append(key, file.stream, { filename: file.filename, contentType: file.contentType, ...(file.size !== undefined ? { knownLength: file.size } : {}) });
  }
  return form;
};

/** The body as sent, with its Content-Type (a multipart body's carries its boundary). */
const encodeBody = (request: CorRequest): { body: string | FormData; headers: Record<string, string> } => {
  if (request.encoding === 'multipart') {
    const form = multipartOf(request);
    return { body: form, headers: { ...request.headers, 'Content-Type': `multipart/form-data; boundary=${form.getBoundary()}` } };
  }
  return request.encoding === 'form'
    ? { body: formOf(request.body), headers: { ...request.headers, 'Content-Type': 'application/x-www-form-urlencoded' } }
    : { body: JSON.stringify(request.body), headers: { ...request.headers } };
};

/** A signal that stops the request at the step's deadline, or when a file it streams fails to download (too large, cut off). */
const stopSignal = (left: number, files: Download[]): { signal: AbortSignal; fileError: () => unknown } => {
  const broken = new AbortController();
  for (const file of files) file.stream.once('error', (error) => broken.abort(error));
  return { signal: AbortSignal.any([AbortSignal.timeout(left), broken.signal]), fileError: () => (broken.signal.aborted ? broken.signal.reason : undefined) };
};

export const corRequest = async <T = unknown>(z: ZObject, bundle: Bundle, request: CorRequest): Promise<HttpResponse<T>> => {
  teachLogScrubber(bundle);
  const url = `${baseUrlFor(request.api)}${request.path}`;
  const left = msLeft(bundle);
  if (left <= 0) throw transportError(z, bundle, request, url, { name: 'AbortError' });
  const stop = stopSignal(left, Object.values(request.files ?? {}));
  const options: HttpRequestOptions & { url: string; signal: AbortSignal; merge: boolean } = {
    url,
    method: request.method,
    // Core's merge deep-copies req.input, which holds the whole compiled app, on every request. Without it,
    // what core would have added is set here and in addCorHeaders: the Zapier user-agent, an uppercase method.
    merge: false,
    middlewareData: { cor: { ...request.context, api: request.api } },
    redirect: 'manual',
    // The answer reader (src/request/answers.ts) reads the body itself: capped as it is decompressed, decoded by its charset.
    raw: true,
    signal: stop.signal,
  };
  if (request.params) options.params = request.params;
  if (request.headers) options.headers = request.headers;
  if (request.body !== undefined) Object.assign(options, encodeBody(request));
  // The answer reader throws for every failure; for a search it lets 404 through as "nothing found".
  if (request.context?.notFoundIsEmpty) options.skipThrowForStatus = true;
  try {
    return await z.request<T>(options);
  } catch (error) {
    const broken = stop.fileError();
    if (broken !== undefined) throw fileFailure(z, bundle, broken, 'the file');
    const mapped = transportError(z, bundle, request, options.url, error);
    if (mapped !== error || (error as Error).name === 'AppError' || (error as Error).name === 'ThrottledError') throw mapped;
    // Anything else (a TypeError from a header, say) must not carry a secret out in its message.
    throw Object.assign(error as Error, { message: redact(String((error as Error).message), bundle) });
  }
};

/** Reads the context the request layer attached to a request (or an empty one). */
export const contextOf = (request: HttpRequestOptions | undefined): CorRequestContext => (request?.middlewareData?.cor as CorRequestContext | undefined) ?? {};

/** Characters an access token may have to be sent back in an Authorization header. */
export const HEADER_SAFE_TOKEN = /^[\x21-\x7e]+$/;

type CoreInput = { _zapier?: { whatHappened?: string[] } & Record<string, unknown> } & Record<string, unknown>;

/**
 * Core writes each request's lines ("Received content …", COR's answer, unredacted) into the step's
 * "what happened" list, which core appends to some error messages. Its merge kept them on a copy;
 * with merge: false, this request gets a list of its own, shallow-copied (the app is not copied).
 */
const ownLog = (request: HttpRequestOptions & { url: string; input?: CoreInput }): void => {
  const context = request.input?._zapier;
  if (!context?.whatHappened) return;
  const line = `Starting ${request.method} request to ${request.url}`;
  if (context.whatHappened.at(-1) === line) context.whatHappened.pop();
  request.input = { ...request.input, _zapier: { ...context, whatHappened: [line] } };
};

/**
 * beforeRequest: JSON in and out, the Bearer token, and 429 left to the answer reader so it
 * can say what happened and honour Retry-After.
 */
export const addCorHeaders = (request: HttpRequestOptions & { url: string }, z: ZObject, bundle: Bundle): HttpRequestOptions & { url: string } => {
  // 'user-agent: Zapier', lowercase and exact, as core's merge sets it: core's HTTP logging then logs the request once.
  const headers: Record<string, string> = { 'user-agent': 'Zapier', Accept: 'application/json', ...request.headers };
  if (request.body !== undefined && !headers['Content-Type']) headers['Content-Type'] = 'application/json';
  if (contextOf(request).download) headers.Accept = '*/*';
  const token = bundle.authData?.access_token;
  // The token goes to COR's own hosts only: never to where a file is kept.
  if (!contextOf(request).isTokenRequest && token && isCorUrl(request.url)) {
    // A token Zapier stored before the sign-in check existed: ask for a new one, never echo it.
    if (!HEADER_SAFE_TOKEN.test(token)) throw new z.errors.RefreshAuthError('The stored COR session is not usable; signing in again.');
    headers.Authorization = `Bearer ${token}`;
  }
  ownLog(request);
  return Object.assign(request, { headers, throwForThrottlingEarly: false });
};
