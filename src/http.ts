/**
 * The one request layer: every call to COR (token, main API, Integrations API) goes
 * through `corRequest`, the `addCorHeaders` before-middleware and the error mapper
 * (src/errors.ts). Actions never build headers, URLs or error messages themselves.
 */
import type { Bundle, HttpRequestOptions, HttpResponse, ZObject } from 'zapier-platform-core';
import { apiBaseUrl, integrationsBaseUrl, REQUEST_TIMEOUT_MS } from './config.js';
import type { JsonValue } from './entity.js';

/** What the error mapper needs to phrase a failure in the Zap builder's terms. */
export interface CorRequestContext {
  /** The entity the step works on, as Zap builders name it ("Project"). */
  noun?: string;
  /** What the step was doing, as a verb phrase ("update", "attach users to"). */
  verb?: string;
  externalId?: string;
  source?: string;
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

export const corRequest = <T = unknown>(z: ZObject, request: CorRequest): Promise<HttpResponse<T>> => {
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
  return z.request<T>(options);
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
    timeout: request.timeout ?? REQUEST_TIMEOUT_MS,
    throwForThrottlingEarly: false,
  });
};
