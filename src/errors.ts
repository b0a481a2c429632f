/**
 * The one error mapper (afterResponse): every COR failure becomes a Zapier error whose
 * message says, in the Zap builder's terms, what went wrong and what to do about it.
 * COR does not document its error bodies, so they are read defensively.
 */
import type { Bundle, HttpResponse, ZObject } from 'zapier-platform-core';
import { contextOf, type CorRequestContext, doing } from './http.js';

export const INVALID_CREDENTIALS_MESSAGE =
  'COR did not accept this API Key and Client Secret. Copy both again from COR (Settings › Integrations › API); the Client Secret is shown only once, so if it was lost, generate a new key pair there and reconnect.';

/** What could be read from an error body, whatever its shape. */
export interface CorErrorInfo {
  code?: string;
  name?: string;
  message?: string;
  details: string[];
}

const asText = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : typeof value === 'number' ? String(value) : undefined;

const detailOf = (item: unknown): string | undefined => {
  if (typeof item === 'string') return item;
  if (!item || typeof item !== 'object') return undefined;
  const record = item as Record<string, unknown>;
  const message = asText(record.message) ?? asText(record.msg) ?? asText(record.error);
  const field = asText(record.field) ?? asText(record.path) ?? asText(record.id);
  if (!message) return undefined;
  return field ? `${field}: ${message}` : message;
};

/** Reads code, name, message and per-field details from any of COR's error shapes. */
export const readCorError = (data: unknown): CorErrorInfo => {
  if (Array.isArray(data)) {
    return { details: data.map(detailOf).filter((d): d is string => Boolean(d)) };
  }
  if (!data || typeof data !== 'object') return { details: [] };
  const body = data as Record<string, unknown>;
  const nested = body.error && typeof body.error === 'object' ? (body.error as Record<string, unknown>) : {};
  const list = [body.errors, nested.errors, (body.data as Record<string, unknown> | undefined)?.errors].find(Array.isArray) as
    | unknown[]
    | undefined;
  const info: CorErrorInfo = { details: (list ?? []).map(detailOf).filter((d): d is string => Boolean(d)) };
  const code = asText(body.code) ?? asText(body.error_code) ?? asText(nested.code);
  const name = asText(body.name) ?? asText(nested.name) ?? (typeof body.error === 'string' ? asText(body.error) : undefined);
  const message = asText(body.message) ?? asText(nested.message) ?? asText(body.msg) ?? asText(body.detail);
  if (code) info.code = code;
  if (name) info.name = name;
  if (message) info.message = message;
  return info;
};

/** "LeaveTypeNotFoundError" → "Leave Type". */
export const nounFromErrorName = (name: string): string | undefined => {
  const match = /^(\w+?)NotFound(Error)?$/.exec(name);
  return match ? match[1]!.replace(/([a-z])([A-Z])/g, '$1 $2') : undefined;
};

const quote = (value: string | undefined): string => (value ? `"${value}"` : 'that');

/** Classifies a failure into what it means for the Zap builder, and phrases it. */
export const describeCorError = (
  status: number,
  info: CorErrorInfo,
  ctx: CorRequestContext,
): { message: string; code: string } => {
  const noun = ctx.noun ?? 'record';
  const lower = noun.toLowerCase();
  const source = ctx.source ?? 'the chosen source';
  const corSaid = [info.message, ...info.details].filter(Boolean).join('; ');
  const because = corSaid ? ` COR said: ${corSaid}` : '';
  const codeTag = info.code ?? info.name ?? `HTTP_${status}`;
  const name = info.name ?? '';
  const text = `${info.name ?? ''} ${info.message ?? ''}`;
  const result = (message: string, code = codeTag) => ({ message: message.trim(), code });

  if (info.code === 'CTR006') {
    return result(
      `COR has no exchange rate for this contract's currency to your company's base currency. Add the rate first with the "Create Currency Exchanges" action, then run this step again.${because}`,
    );
  }
  if (name === 'DuplicateEmailError' || /e-?mail.*(already|exists|taken)/i.test(text)) {
    return result(`A COR user with this e-mail address already exists, so the user was not created.${because} Use a different e-mail address, or update the existing user instead.`);
  }
  if (name === 'DuplicateExternalIdError' || info.code === 'ZC004' || /already (exists|associated)/i.test(text)) {
    // A stable code even when COR only says it in words: "Create or Update" keys on it.
    const toChange = ctx.canUpdate === false
      ? `COR cannot update a ${lower} through this integration${ctx.canDelete ? `: to replace it, run "Delete ${noun}" first` : ''}`
      : `To change it, use "Update ${noun}" or "Create or Update ${noun}" (which updates it when it already exists)`;
    return result(
      `A ${lower} with external ID ${quote(ctx.externalId)} already exists in COR for source ${source}, so nothing was created. ${toChange}; to make a new ${lower}, use an external ID that is not taken.${because}`,
      info.code === 'ZC004' ? 'ZC004' : 'DuplicateExternalIdError',
    );
  }
  const notFoundNoun = nounFromErrorName(name);
  const looksNotFound =
    Boolean(notFoundNoun) || /not (been )?(found|associated)|does not exist/i.test(text) || (status === 404 && !name);
  if (looksNotFound && !/required|validation/i.test(text)) {
    const ref = notFoundNoun && notFoundNoun.toLowerCase() !== lower
      ? ctx.references?.find((r) => r.noun.toLowerCase() === notFoundNoun.toLowerCase())
      : undefined;
    if (ref) {
      return result(
        `The ${ref.noun.toLowerCase()} with external ID "${ref.value}" (field "${ref.label}") was not found in COR for source ${source}: it was never created through the Integrations API from that source. Create it first with the "Create ${ref.noun}" action using the same Source System, then run this step again.${because}`,
      );
    }
    if (notFoundNoun && notFoundNoun.toLowerCase() !== lower) {
      return result(
        `A ${notFoundNoun.toLowerCase()} this step refers to was not found in COR for source ${source}: it must first be created through the Integrations API from that source (action "Create ${notFoundNoun}").${because}`,
      );
    }
    return result(
      `COR has no ${lower} with external ID ${quote(ctx.externalId)} for source ${source}. Check the external ID, and that Source System is the one used when the ${lower} was created (COR keeps IDs per source). If it was never created through this integration, create it first with "Create ${noun}".${because}`,
    );
  }
  if (name === 'InvalidSourceError') {
    return result(`COR does not accept source "${source}". Pick one of the values offered in the Source System field.${because}`);
  }
  if (name === 'InvalidDateRangeError' || /after the end|before (or equal to )?(the )?start|end date must be/i.test(text)) {
    return result(`COR rejected the dates: the end is before the start. Make sure the end date is on or after the start date.${because}`);
  }
  if (name === 'InvalidRoleError') {
    return result(`COR rejected the role. Role must be one of: 1 C-Level, 2 Director, 3 Project Manager, 4 Collaborator, 5 Freelancer, 6 Client.${because}`);
  }
  if (name === 'DeletionError') {
    return result(
      `COR cannot delete ${lower} ${quote(ctx.externalId)} because other records still depend on it.${because} Remove or reassign those records in COR first, then run this step again.`,
    );
  }
  if (name === 'AlreadyAttachedError') return result(`Some of these users are already attached to this ${lower}.${because}`);
  if (name === 'NotAttachedError') return result(`Some of these users are not attached to this ${lower}, so they cannot be detached.${because}`);
  if (status === 403) {
    return result(
      `COR refused to ${doing(ctx)} (403 Forbidden): the COR user whose API key this connection uses lacks the permission. Ask a COR administrator for it, or reconnect Zapier with the API key of a user who has it.${because}`,
    );
  }
  if (name === 'ValidationError' || name === 'UnprocessableEntity' || info.code === 'ZC002' || info.code === 'ZC001' || status === 400 || status === 422) {
    return result(
      `COR rejected the data for this ${lower} (HTTP ${status}).${because || ' COR gave no reason.'} Check the values mapped into this step and run it again.`,
    );
  }
  if (status >= 500 || info.code === 'ZC003' || info.code === 'ZC005') {
    return result(
      `COR had an internal error (HTTP ${status}) while trying to ${doing(ctx)}.${because} This is usually temporary: replay the step later; if it keeps failing, contact COR support (help@projectcor.com) with this message.`,
    );
  }
  return result(`COR could not ${doing(ctx)} (HTTP ${status}).${because}`);
};

/** Secrets never leave in a message: the connection's credentials and token are blanked. */
export const redact = (text: string, bundle: Bundle | undefined): string => {
  const secrets = Object.values(bundle?.authData ?? {}).filter((v) => typeof v === 'string' && v.length >= 6);
  let out = text;
  for (const secret of secrets) out = out.split(secret).join('[redacted]');
  return out.replace(/(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g, '$1 [redacted]');
};

/** Seconds to wait from a Retry-After header (seconds or an HTTP date), if it has a usable one. */
export const retryAfterSeconds = (header: string | undefined, now = Date.now()): number | undefined => {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const when = Date.parse(header);
  return Number.isNaN(when) ? undefined : Math.max(0, Math.ceil((when - now) / 1000));
};

/** 502/503/504 without Retry-After: 30–60 s, spread so that many Zaps do not retry at once. */
export const gatewayRetryDelay = (random = Math.random): number => 30 + Math.floor(random() * 31);

const snippet = (content: string): string =>
  content.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 160);

/** afterResponse: the error mapper. */
export const mapCorErrors = (response: HttpResponse, z: ZObject, bundle: Bundle): HttpResponse => {
  const ctx = contextOf(response.request);
  const status = response.status;

  if (status === 429 || status === 502 || status === 503 || status === 504) {
    const delay = retryAfterSeconds(response.getHeader('retry-after')) ?? (status === 429 ? undefined : gatewayRetryDelay());
    const why = status === 429 ? 'COR is rate-limiting requests (HTTP 429 Too Many Requests)' : `COR is temporarily unavailable (HTTP ${status})`;
    throw new z.errors.ThrottledError(`${why}. Zapier will retry this step automatically${delay !== undefined ? ` in about ${delay} seconds` : ''}.`, delay);
  }

  const isForm = (response.getHeader('content-type') ?? '').includes('x-www-form-urlencoded');
  const notJson = response.content.trim() !== '' && response.data === undefined && !isForm;

  if (status < 400) {
    if (notJson) {
      throw new z.errors.Error(
        redact(
          `COR answered the request to ${doing(ctx)} with something that is not JSON (HTTP ${status}: "${snippet(response.content)}"). The COR address this app uses may be wrong (see the COR_API_BASE_URL and COR_INTEGRATIONS_BASE_URL settings), or COR is having trouble: try again later.`,
          bundle,
        ),
        'NonJsonResponse',
        status,
      );
    }
    return response;
  }

  if (status === 404 && ctx.notFoundIsEmpty) return response;
  if (ctx.isTokenRequest) throw new z.errors.Error(INVALID_CREDENTIALS_MESSAGE, 'InvalidCredentials', status);
  const info = notJson ? { details: [], message: snippet(response.content) || undefined } : readCorError(response.data);
  if (info.message === undefined) delete info.message;
  const { message, code } = describeCorError(status, info as CorErrorInfo, ctx);
  throw new z.errors.Error(redact(message, bundle), code, status);
};

/** Codes meaning "this external ID already exists for this source". */
export const DUPLICATE_CODES: ReadonlySet<string> = new Set(['DuplicateExternalIdError', 'ZC004']);

/** The fields of a Zapier AppError (they travel as JSON in its message), or undefined for other errors. */
export const readAppError = (error: unknown): { message: string; code?: string; status?: number } | undefined => {
  if (!(error instanceof Error) || error.name !== 'AppError') return undefined;
  try {
    return JSON.parse(error.message) as { message: string; code?: string; status?: number };
  } catch {
    return undefined;
  }
};
