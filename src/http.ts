/**
 * The one request layer: every call to COR (token, main API, Integrations API) goes
 * through `corRequest`, the `addCorHeaders` before-middleware and the error mapper
 * (src/errors.ts). Actions never build headers, URLs or error messages themselves.
 */
import type { Bundle, HttpRequestOptions, HttpResponse, ZObject } from 'zapier-platform-core';
import { apiBaseUrl, FRESH_TOKEN_MS, integrationsBaseUrl, requestTimeoutMs } from './config.js';
import type { JsonValue } from './entity.js';

export const RECONNECT_MESSAGE =
  'COR refused this connection again right after Zapier signed in anew, so the API key was revoked or its COR user lost access. Reconnect COR in Zapier (My Apps) with a current API Key and Client Secret from COR (Settings › Integrations › API).';

/** What the error mapper needs to phrase a failure in the Zap builder's terms. */
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
}

export type CorApi = 'main' | 'integrations';

export interface CorRequest {
  api: CorApi;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path below the API's base URL; anything user-given in it must already be URL-encoded. */
  path: string;
  body?: JsonValue;
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
export const doing = (ctx: CorRequestContext): string => `${ctx.verb ?? 'change'} this ${(ctx.noun ?? 'record').toLowerCase()}`;

/**
 * Failures before COR answered, and a 401 on a token just obtained, phrased for the Zap builder.
 * Everything else (COR's answers, already mapped by the error mapper) passes through.
 */
const transportError = (z: ZObject, bundle: Bundle, request: CorRequest, url: string, error: unknown): unknown => {
  const e = error as { name?: string; type?: string; code?: string; message?: string };
  const ctx = request.context ?? {};
  if (e.name === 'RefreshAuthError' && !ctx.isTokenRequest && tokenIsFresh(bundle)) {
    return new z.errors.ExpiredAuthError(RECONNECT_MESSAGE);
  }
  if (e.name !== 'FetchError' && e.name !== 'AbortError') return error;
  if (e.type === 'request-timeout' || e.name === 'AbortError') {
    const ms = requestTimeoutMs();
    const write = request.method !== 'GET';
    return new z.errors.Error(
      `COR did not answer within ${ms % 1000 === 0 ? `${ms / 1000} seconds` : `${ms} ms`} while trying to ${doing(ctx)}.${write ? ' COR may still have done it.' : ''} Replay the step later${write ? ': "Create or Update" actions are always safe to replay; a plain "Create" says so if the record now exists.' : '.'}`,
      'Timeout',
    );
  }
  const base = new URL(url).origin;
  return new z.errors.Error(
    `Zapier could not reach COR at ${base} to ${doing(ctx)} (${e.code ?? 'network error'}). Check the COR_API_BASE_URL and COR_INTEGRATIONS_BASE_URL settings if you changed them; otherwise COR is unreachable for now: replay the step later.`,
    'Unreachable',
  );
};

export const corRequest = async <T = unknown>(z: ZObject, bundle: Bundle, request: CorRequest): Promise<HttpResponse<T>> => {
  const options: HttpRequestOptions & { url: string } = {
    url: `${baseUrlFor(request.api)}${request.path}`,
    method: request.method,
    middlewareData: { cor: request.context ?? {} },
  };
  if (request.body !== undefined) options.body = JSON.stringify(request.body);
  if (request.params) options.params = request.params;
  if (request.headers) options.headers = request.headers;
  // The error mapper throws for every failure; for a search it lets 404 through as "nothing found".
  if (request.context?.notFoundIsEmpty) options.skipThrowForStatus = true;
  try {
    return await z.request<T>(options);
  } catch (error) {
    throw transportError(z, bundle, request, options.url, error);
  }
};

/** Reads the context the request layer attached to a request (or an empty one). */
export const contextOf = (request: HttpRequestOptions | undefined): CorRequestContext =>
  (request?.middlewareData?.cor as CorRequestContext | undefined) ?? {};

/**
 * beforeRequest: JSON in and out, the Bearer token, a timeout inside Zapier's 30 s,
 * and 429 left to our error mapper so it can say what happened and honour Retry-After.
 */
export const addCorHeaders = (
  request: HttpRequestOptions & { url: string },
  _z: ZObject,
  bundle: Bundle,
): HttpRequestOptions & { url: string } => {
  const headers: Record<string, string> = { Accept: 'application/json', ...request.headers };
  if (request.body !== undefined && !headers['Content-Type']) headers['Content-Type'] = 'application/json';
  const token = bundle.authData?.access_token;
  if (!contextOf(request).isTokenRequest && token) headers.Authorization = `Bearer ${token}`;
  return Object.assign(request, {
    headers,
    timeout: request.timeout ?? requestTimeoutMs(),
    throwForThrottlingEarly: false,
  });
};
