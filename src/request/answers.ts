/**
 * The one place that reads every COR answer before anything else uses it (afterResponse).
 * A 2xx is success only when its body is not an error envelope; a redirect is never followed
 * (the request layer asks for none) and is reported with where COR tried to send the step;
 * 429/502/503/504 become retries; a UTF-8 BOM before JSON is tolerated; every failure becomes
 * a Zapier error by the rule table of src/request/errors.ts, with every secret blanked.
 */
import type { Bundle, HttpResponse, ZObject } from 'zapier-platform-core';
import { cleanText, describeCorError, type Failure, gatewayRetryDelay, readCorError, retryAfterSeconds } from './errors.js';
import { readDownload } from './downloads.js';
import { contextOf, type CorRequestContext, doing, MAX_ANSWER_BYTES, MAY_HAVE_DONE_IT } from './http.js';
import { redact } from './redact.js';

/** What a failed answer carries with it, for callers that decide by it ("Create or Update"). */
export const FAILURE = Symbol('cor failure');
export interface FailureFacts {
  code: string;
  status: number;
  /** The rule of src/request/errors.ts that described it ('external ID taken', …), or the transport's kind. */
  rule: string;
  /** The message as the Zap builder reads it (secrets blanked). */
  message: string;
}

/** The failure behind a Zapier error this app raised, or undefined for any other error. */
export const failureOf = (error: unknown): FailureFacts | undefined => (error as { [FAILURE]?: FailureFacts } | null)?.[FAILURE];

/** Raises a Zapier error for a failed answer, with its facts attached. */
export const raise = (z: ZObject, bundle: Bundle, message: string, code: string, status: number, rule = code): never => {
  const safe = redact(message, bundle);
  const error = new z.errors.Error(safe, code, status);
  Object.defineProperty(error, FAILURE, { value: { code, status, message: safe, rule } });
  throw error;
};

/** An answer that says it failed although its status is 2xx: COR's {status: "error"} and its kin. */
export const isErrorEnvelope = (body: unknown): boolean => {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const b = body as Record<string, unknown>;
  const status = typeof b.status === 'string' ? b.status.toLowerCase() : undefined;
  return (
    status === 'error' ||
    status === 'fail' ||
    b.success === false ||
    Number(b.statusCode) >= 400 ||
    (b.error !== undefined && b.error !== null && b.error !== false && b.data === undefined && b.id === undefined)
  );
};

/** Up to 160 characters of text from a page that is not JSON (tags dropped), in time linear in its length. */
export const snippet = (content: string): string =>
  cleanText(content.slice(0, 2000).replace(/<[^<>]{0,500}>/g, ' '))
    .slice(0, 160)
    .toWellFormed();

/** A whole number JSON cannot hold as a number (beyond 2^53), as its own digits: a COR ID keeps every one. */
const keepDigits = (_key: string, value: unknown, context?: { source?: string }): unknown =>
  typeof value === 'number' && !Number.isSafeInteger(value) && /^-?\d+$/.test(context?.source ?? '') ? context!.source : value;
/** A run of 16 or more digits that could be such a number (the parse is redone only then). */
const LONG_NUMBER = /[:[,]\s*-?\d{16,}\s*[,\]}]/;

/** Core parses a body labelled as a form into an object whatever it holds; COR answers JSON only. */
const labelledForm = (response: HttpResponse): boolean => /^application\/x-www-form-urlencoded/i.test(response.getHeader('content-type') ?? '');

/** The body as JSON: core's parse, or, behind a UTF-8 BOM, with numbers beyond 2^53 or labelled a form, our own. Undefined when it is not JSON. */
const jsonOf = (response: HttpResponse): unknown => {
  const bom = response.content.startsWith('\uFEFF');
  if (!bom && !labelledForm(response) && (response.data === undefined || !LONG_NUMBER.test(response.content))) return response.data;
  try {
    return JSON.parse(bom ? response.content.slice(1) : response.content, keepDigits as (key: string, value: unknown) => unknown);
  } catch {
    return undefined;
  }
};

const isWrite = (response: HttpResponse) => !['GET', 'HEAD'].includes(String(response.request?.method ?? 'GET').toUpperCase());

const throttle = (z: ZObject, bundle: Bundle, response: HttpResponse, ctx: CorRequestContext): never => {
  const status = response.status;
  // A gateway error after a write on the main API may hide a task or time entry made: Zapier's retry would make another.
  if (status !== 429 && ctx.api === 'main' && isWrite(response)) {
    return raise(z, bundle, `COR is temporarily unavailable (HTTP ${status}) and did not say whether it could ${doing(ctx)}.${MAY_HAVE_DONE_IT.main}`, `HTTP_${status}`, status);
  }
  const delay = retryAfterSeconds(response.getHeader('retry-after')) ?? (status === 429 ? undefined : gatewayRetryDelay());
  const why = status === 429 ? 'COR is rate-limiting requests (HTTP 429 Too Many Requests)' : `COR is temporarily unavailable (HTTP ${status})`;
  throw new z.errors.ThrottledError(`${why}. Zapier will retry this step automatically${delay !== undefined ? ` in about ${delay} seconds` : ''}.`, delay);
};

/** Where a Location points, without its query (which could carry anything). */
const placeOf = (location: string, base: string | undefined): string => {
  try {
    const url = new URL(location, base);
    return `${url.origin}${url.pathname}`;
  } catch {
    return `"${location.slice(0, 200)}"`;
  }
};

const redirected = (z: ZObject, bundle: Bundle, response: HttpResponse, ctx: CorRequestContext): never => {
  const location = response.getHeader('location');
  const where = location ? `to ${placeOf(location, response.request?.url)}` : 'without saying where';
  return raise(
    z,
    bundle,
    `COR answered the request to ${doing(ctx)} with a redirect (HTTP ${response.status}) ${where}. The step did not follow it${isWrite(response) ? ', so it was not sent there' : ''}. Check the COR_API_BASE_URL and COR_INTEGRATIONS_BASE_URL settings if you changed them; otherwise contact COR support (help@projectcor.com).`,
    'Redirected',
    response.status,
  );
};

const notJson = (z: ZObject, bundle: Bundle, response: HttpResponse, ctx: CorRequestContext): never =>
  raise(
    z,
    bundle,
    `COR answered the request to ${doing(ctx)} with something that is not JSON (HTTP ${response.status}: "${snippet(response.content)}").${isWrite(response) ? MAY_HAVE_DONE_IT[ctx.api ?? 'integrations'] : ''} The COR address this app uses may be wrong (see the COR_API_BASE_URL and COR_INTEGRATIONS_BASE_URL settings), or COR is having trouble: try again later.`,
    'NonJsonResponse',
    response.status,
  );

/** A charset TextDecoder knows (the answer's own label), else UTF-8, which JSON is by RFC 8259. */
const decoderFor = (contentType: string | undefined): TextDecoder => {
  const label = /charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '')?.[1];
  try {
    return new TextDecoder(label ?? 'utf-8');
  } catch {
    return new TextDecoder('utf-8');
  }
};

type RawAnswer = HttpResponse & { body: NodeJS.ReadableStream & { destroy: (error?: Error) => void } };

/**
 * The answer's text, read from its stream: at most MAX_ANSWER_BYTES once decompressed (the stream is
 * destroyed there, so decompression stops too), decoded by its charset rather than always as UTF-8.
 */
const textOf = async (z: ZObject, response: RawAnswer, ctx: CorRequestContext): Promise<string> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_ANSWER_BYTES) {
      response.body.destroy();
      throw new z.errors.Error(
        `COR's answer to the request to ${doing(ctx)} was larger than ${MAX_ANSWER_BYTES / 1024 / 1024} MB, more than Zapier takes.${isWrite(response) ? ' COR may have done it.' : ''} Contact COR support (help@projectcor.com).`,
        'AnswerTooLarge',
      );
    }
    chunks.push(chunk);
  }
  return decoderFor(response.getHeader('content-type')).decode(Buffer.concat(chunks, size));
};

type Logger = (message: string, data: Record<string, unknown>) => Promise<unknown>;

/**
 * Core logs a raw answer as "<probably streaming data>": the answer as read goes into Zapier's HTTP log
 * too, in core's own shape (log_type http), so that Zapier's monitoring and verify:live see what COR said.
 * Core's logger blanks the connection's secrets in it, as in every log line.
 */
const logAnswer = (response: RawAnswer, content: string): void => {
  const request = response.request as (HttpResponse['request'] & { input?: { _zapier?: { logger?: Logger } } }) | undefined;
  const logger = request?.input?._zapier?.logger;
  if (!logger || !request) return;
  const [url, params] = String(request.url).split('?');
  void logger(`${response.status} ${request.method} ${url}`, {
    log_type: 'http',
    request_type: 'devplatform-outbound',
    request_url: url,
    ...(params ? { request_params: params } : {}),
    request_method: request.method,
    request_headers: request.headers,
    request_data: typeof request.body === 'string' ? request.body : '<streaming data>',
    request_via_client: true,
    response_status_code: response.status,
    response_headers: response.headers,
    response_content: content,
  }).catch(() => undefined);
};

/** The raw answer as core's content answer looks (content, data, headers), read by textOf. */
const withContent = async (z: ZObject, response: RawAnswer, ctx: CorRequestContext): Promise<HttpResponse> => {
  const content = await textOf(z, response, ctx);
  logAnswer(response, content);
  let data: unknown;
  try {
    data = JSON.parse(content);
  } catch {
    // not JSON: jsonOf and the rules below say what it is
  }
  const read = {
    status: response.status,
    headers: response.headers,
    getHeader: response.getHeader,
    request: response.request,
    skipThrowForStatus: response.skipThrowForStatus,
    content,
    data,
    json: data,
  };
  return Object.assign(read, { throwForStatus: () => response.throwForStatus() }) as unknown as HttpResponse;
};

/** afterResponse: every answer, read strictly. */
export const readCorAnswer = async (raw: HttpResponse, z: ZObject, bundle: Bundle): Promise<HttpResponse> => {
  const ctx = contextOf(raw.request);
  // A download's answer is the file itself, streamed: its body is never read here.
  if (ctx.download) return readDownload(raw as unknown as Parameters<typeof readDownload>[0], z, bundle, ctx.download) as unknown as HttpResponse;
  const response = await withContent(z, raw as RawAnswer, ctx);
  const status = response.status;
  if ([429, 502, 503, 504].includes(status)) throttle(z, bundle, response, ctx);
  if (status >= 300 && status < 400) redirected(z, bundle, response, ctx);
  const body = jsonOf(response);
  const empty = response.content.trim() === '';
  if (status < 300 && !isErrorEnvelope(body)) {
    if (body === undefined && !empty) notJson(z, bundle, response, ctx);
    return Object.assign(response, { data: body });
  }
  if (status === 404 && ctx.notFoundIsEmpty) return Object.assign(response, { data: undefined });
  const info = body === undefined ? { details: [], ...(empty ? {} : { message: snippet(response.content) }) } : readCorError(body);
  const failure: Failure = { status, info, ctx, write: isWrite(response), page: body === undefined && !empty };
  const { message, code, rule } = describeCorError(failure);
  return raise(z, bundle, message, code, status, rule);
};
