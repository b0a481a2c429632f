/**
 * What a COR failure means for the Zap builder, as an ordered table of rules: the first rule
 * that applies says what happened and what to do. COR does not document its error bodies, so
 * they are read defensively; the error code a Zap builder sees is one of COR's documented
 * codes or error names, else HTTP_<status>, never free text from COR.
 */
import { byExternalId } from './config.js';
import { type CorRequestContext, doing, MAY_HAVE_DONE_IT } from './http.js';

export const INVALID_CREDENTIALS_MESSAGE =
  'COR did not accept this API Key and Client Secret. Copy both again from COR (Settings › Integrations › API); the Client Secret is shown only once, so if it was lost, generate a new key pair there and reconnect.';

/** COR's text in a message is cut here: an error page can be megabytes long. */
export const MAX_COR_TEXT = 1000;

/** What could be read from an error body, whatever its shape. */
export interface CorErrorInfo {
  code?: string;
  name?: string;
  message?: string;
  details: string[];
}

/** One failure: the HTTP status (200 for an error envelope), COR's body as read, and what the step was doing. */
export interface Failure {
  status: number;
  info: CorErrorInfo;
  ctx: CorRequestContext;
  /** The request could have changed something in COR (not a GET). */
  write?: boolean;
  /** COR's answer was not JSON (an HTML page, say): `info.message` is a snippet of it. */
  page?: boolean;
}

/** COR's documented error codes (Integrations API overview, the entity pages, the batch answers; the main API's attachments: FS001, AC001). */
const COR_CODES = new Set(['ZC001', 'ZC002', 'ZC003', 'ZC004', 'ZC005', 'CTR006', 'CE001', 'UT011', 'UT012', 'UT013', 'FS001', 'AC001']);
/** COR's documented error names, and `<Entity>NotFoundError` for the entities it names. */
const COR_NAMES = new Set([
  'ValidationError',
  'UnprocessableEntity',
  'DuplicateExternalIdError',
  'DuplicateEmailError',
  'InvalidSourceError',
  'InvalidDateRangeError',
  'InvalidRoleError',
  'DeletionError',
  'AlreadyAttachedError',
  'NotAttachedError',
  'CORCustomError',
]);
const NOT_FOUND_NAME = /^(Client|Brand|Product|Project|Contract|Currency|User|Position|UserPosition|Category|Seniority|Team|Workspace|Leave|LeaveType|WorkingTime)NotFoundError$/;

const isCorName = (name: string | undefined): boolean => name !== undefined && (COR_NAMES.has(name) || NOT_FOUND_NAME.test(name));

/**
 * COR's text as a message may carry it: ANSI escapes and bidi controls gone, other control characters
 * (line breaks, a bare CR) as spaces, lone surrogates as U+FFFD: what the app refuses in inputs, it does not
 * pass on from COR either.
 */
export const cleanText = (text: string): string =>
  text
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the escapes are what is removed
    .replace(/\u001b\[[0-?]*[ -/]*[@-~]|\u001b[@-_]/g, '')
    .replace(/[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]/g, '')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is replaced
    .replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ')
    .toWellFormed()
    .replace(/ {2,}/g, ' ')
    .trim();

/** COR's codes and names are words: more than this is not one, and is cut. */
const MAX_CODE = 60;

const asText = (value: unknown): string | undefined => {
  const text = typeof value === 'string' ? cleanText(value) : typeof value === 'number' ? String(value) : '';
  return text === '' ? undefined : text;
};
const asCode = (value: unknown): string | undefined => asText(value)?.slice(0, MAX_CODE);

const detailOf = (item: unknown): string | undefined => {
  if (typeof item === 'string') return asText(item);
  if (!item || typeof item !== 'object') return undefined;
  const record = item as Record<string, unknown>;
  const message = asText(record.message) ?? asText(record.msg) ?? asText(record.error);
  const field = asText(record.field) ?? asText(record.path) ?? asText(record.id);
  if (!message) return undefined;
  return field ? `${field}: ${message}` : message;
};

const objectOr = (value: unknown): Record<string, unknown> => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {});

/** Reads code, name, message and per-field details from any of COR's error shapes. */
export const readCorError = (data: unknown): CorErrorInfo => {
  if (Array.isArray(data)) return { details: data.map(detailOf).filter((d): d is string => Boolean(d)) };
  if (!data || typeof data !== 'object') return { details: [] };
  const body = data as Record<string, unknown>;
  const nested = objectOr(body.error);
  const list = [body.errors, nested.errors, objectOr(body.data).errors].find(Array.isArray) as unknown[] | undefined;
  const info: CorErrorInfo = { details: (list ?? []).map(detailOf).filter((d): d is string => Boolean(d)) };
  const code = asCode(body.code) ?? asCode(body.error_code) ?? asCode(nested.code);
  const name = asCode(body.name) ?? asCode(nested.name) ?? (typeof body.error === 'string' ? asCode(body.error) : undefined);
  const message = asText(body.message) ?? asText(nested.message) ?? asText(body.msg) ?? asText(body.detail);
  if (code) info.code = code;
  if (name) info.name = name;
  if (message) info.message = message;
  return info;
};

/** The entity a COR error name speaks of, where COR's word is not the app's (CategoryNotFoundError: a position category). */
const NOUN_OF_NAME: Record<string, string> = { Category: 'Position Category', UserPosition: 'Position' };

/** "LeaveTypeNotFoundError" → "Leave Type"; "CategoryNotFoundError" → "Position Category". */
export const nounFromErrorName = (name: string): string | undefined => {
  const match = /^(\w+?)NotFound(Error)?$/.exec(name);
  return match ? (NOUN_OF_NAME[match[1]!] ?? match[1]!.replace(/([a-z])([A-Z])/g, '$1 $2')) : undefined;
};

/** The code a Zap builder sees: COR's documented code or name, else the HTTP status. */
export const codeOf = ({ status, info }: Failure): string => (info.code && COR_CODES.has(info.code) ? info.code : undefined) ?? (isCorName(info.name) ? info.name! : `HTTP_${status}`);

const quote = (value: string | undefined): string => (value ? `"${value}"` : 'that');
const lower = (f: Failure) => (f.ctx.noun ?? 'record').toLowerCase();
const noun = (f: Failure) => f.ctx.noun ?? 'Record';
const source = (f: Failure) => f.ctx.source ?? 'the chosen source';
const text = (f: Failure) => `${f.info.name ?? ''} ${f.info.message ?? ''}`;
/** " COR said: …", COR's own words, cut to MAX_COR_TEXT. */
export const corSaid = (f: Failure): string => {
  const said = [f.info.message, ...f.info.details].filter(Boolean).join('; ');
  return said ? ` COR said: ${said.length > MAX_COR_TEXT ? `${said.slice(0, MAX_COR_TEXT).toWellFormed()}… (cut)` : said}` : '';
};
const notFoundNoun = (f: Failure) => nounFromErrorName(f.info.name ?? '');
/** COR's overview: ZC003 API Request Exception, ZC004 Query Exception, ZC005 External Request Exception. */
const QUERY_FAILURES = ['ZC003', 'ZC004', 'ZC005'];
/**
 * ZC001 is "Entity is not associated" (COR's overview), whatever else its text adds (Update
 * Seniority: "…, or missing required fields"); otherwise COR's words decide.
 */
const looksNotFound = (f: Failure) =>
  f.info.code === 'ZC001' ||
  ((Boolean(notFoundNoun(f)) || /not (been )?(found|associated)|does not exist/i.test(text(f)) || (f.status === 404 && !f.info.name)) && !/required|validation/i.test(text(f)));
/** "…external ID already exists", "Association already exists": about the ID, not another field ("a client with this name already exists"). */
const ABOUT_THE_ID = /(external|\bid\b|association)[^.]{0,80}already (exists|associated)|already (exists|associated)[^.]{0,80}(external|\bid\b)/i;
/** This external ID exists: COR's error name, a code the operation documents so (ZC004 means Query Exception elsewhere), or its words. */
const isDuplicate = (f: Failure) =>
  f.ctx.api !== 'main' &&
  (f.info.name === 'DuplicateExternalIdError' || Boolean(f.info.code && f.ctx.duplicateCodes?.includes(f.info.code)) || (ABOUT_THE_ID.test(text(f)) && !QUERY_FAILURES.includes(f.info.code ?? '')));
const referenceOf = (f: Failure) => {
  const name = notFoundNoun(f)?.toLowerCase();
  return name && name !== lower(f) ? f.ctx.references?.find((r) => r.noun.toLowerCase() === name) : undefined;
};

export interface ErrorRule {
  /** What the rule is about, for tests and readers. */
  id: string;
  when: (f: Failure) => boolean;
  /** The message: what happened, and what to do about it. */
  says: (f: Failure) => string;
  /** The code, where it is not COR's own (codeOf). */
  code?: (f: Failure) => string;
}

/** The rule that says "this external ID already exists for this source": "Create or Update" then updates. */
export const DUPLICATE_RULE = 'external ID taken';

/** In order: the first rule whose `when` holds describes the failure. */
export const ERROR_RULES: ErrorRule[] = [
  {
    id: 'sign-in refused',
    when: (f) => Boolean(f.ctx.isTokenRequest) && [400, 401].includes(f.status),
    code: () => 'InvalidCredentials',
    says: () => INVALID_CREDENTIALS_MESSAGE,
  },
  {
    id: 'sign-in unavailable',
    when: (f) => Boolean(f.ctx.isTokenRequest),
    code: (f) => `SignInFailed_${f.status}`,
    says: (f) =>
      `COR's sign-in did not work (HTTP ${f.status}${f.status === 404 ? ': no sign-in at this address' : f.status === 403 ? ' Forbidden' : ''}). This is not a refusal of your API Key and Client Secret, so do not generate new ones: ${f.status === 404 ? 'check the COR_API_BASE_URL setting if you changed it, otherwise ' : ''}try again later, and contact COR support (help@projectcor.com) if it persists.${corSaid(f)}`,
  },
  {
    id: 'no exchange rate',
    when: (f) => f.info.code === 'CTR006',
    says: (f) =>
      `COR has no exchange rate for this contract's currency to your company's base currency. Add the rate first with the "Create Currency Exchange" action, then run this step again.${corSaid(f)}`,
  },
  {
    id: 'e-mail taken',
    when: (f) => f.info.name === 'DuplicateEmailError' || /e-?mail.*(already|exists|taken)/i.test(text(f)),
    says: (f) => `A COR user with this e-mail address already exists, so the user was not created.${corSaid(f)} Use a different e-mail address, or update the existing user instead.`,
  },
  {
    id: 'COR failed',
    when: (f) => f.status >= 500 || (QUERY_FAILURES.includes(f.info.code ?? '') && !isDuplicate(f)),
    says: (f) =>
      `COR had an internal error (HTTP ${f.status}${f.info.code ? `, ${f.info.code}` : ''}) while trying to ${doing(f.ctx)}.${corSaid(f)}${f.write ? MAY_HAVE_DONE_IT[f.ctx.api ?? 'integrations'] : ' This is usually temporary: replay the step later.'} If it keeps failing, contact COR support (help@projectcor.com) with this message.`,
  },
  {
    id: DUPLICATE_RULE,
    when: isDuplicate,
    code: (f) => (f.info.code && f.ctx.duplicateCodes?.includes(f.info.code) ? f.info.code : 'DuplicateExternalIdError'),
    says: (f) => {
      const toChange =
        f.ctx.canUpdate === false
          ? `COR cannot update a ${lower(f)} through this integration${f.ctx.canDelete ? `: to replace it, run "${byExternalId('Delete', noun(f))}" first` : ''}`
          : `To change it, use "${byExternalId('Update', noun(f))}" or "${byExternalId('Create or Update', noun(f))}" (which updates it when it already exists)`;
      return `A ${lower(f)} with external ID ${quote(f.ctx.externalId)} already exists in COR for source ${source(f)} (an earlier run of this step may have made it), so this run created nothing. ${toChange}; to make a new ${lower(f)}, use an external ID that is not taken.${corSaid(f)}`;
    },
  },
  {
    id: 'no API at this address',
    when: (f) => f.status === 404 && Boolean(f.page),
    says: (f) =>
      `COR answered the request to ${doing(f.ctx)} with a page that is not COR's API (HTTP 404${f.info.message ? `: "${f.info.message}"` : ''}), so the address this app uses is probably wrong. Check the COR_API_BASE_URL and COR_INTEGRATIONS_BASE_URL settings if you changed them; otherwise contact COR support (help@projectcor.com).`,
  },
  {
    id: 'COR record not found',
    when: (f) => f.ctx.api === 'main' && Boolean(f.ctx.references?.length) && (f.status === 404 || /not found|does not exist|exists validation failed/i.test(`${text(f)} ${f.info.details.join(' ')}`)),
    says: (f) =>
      `COR could not find a record this step names (HTTP ${f.status}): ${f.ctx.references!.map((r) => `${r.label} ${r.value}`).join('; ')}. Each must exist in COR and be visible to the COR user of this connection: pick it again from its dropdown, or map its COR ID from a Find step.${corSaid(f)}`,
  },
  {
    id: 'list not found',
    when: (f) => f.ctx.verb === 'read' && looksNotFound(f),
    says: (f) =>
      `COR answered that the ${f.ctx.noun ?? 'records'} this step reads do not exist (HTTP ${f.status}). Check the step's filters (a project or user deleted in COR, say) and, if you changed it, the COR_API_BASE_URL setting.${corSaid(f)}`,
  },
  {
    id: 'named reference not found',
    when: (f) => f.ctx.api !== 'main' && looksNotFound(f) && Boolean(referenceOf(f)),
    says: (f) => {
      const ref = referenceOf(f)!;
      return `The ${ref.noun.toLowerCase()} with external ID "${ref.value}" (field "${ref.label}") was not found in COR for source ${source(f)}: it was never created through the Integrations API from that source. Create it first with the "${byExternalId('Create', ref.noun)}" action using the same Source System, then run this step again.${corSaid(f)}`;
    },
  },
  {
    id: 'other reference not found',
    when: (f) => f.ctx.api !== 'main' && looksNotFound(f) && Boolean(notFoundNoun(f)) && notFoundNoun(f)!.toLowerCase() !== lower(f),
    says: (f) =>
      `A ${notFoundNoun(f)!.toLowerCase()} this step refers to was not found in COR for source ${source(f)}: it must first be created through the Integrations API from that source (action "${byExternalId('Create', notFoundNoun(f)!)}").${corSaid(f)}`,
  },
  {
    id: 'not found',
    when: (f) => f.ctx.api !== 'main' && looksNotFound(f),
    says: (f) =>
      `COR has no ${lower(f)} with external ID ${quote(f.ctx.externalId)} for source ${source(f)}. Check the external ID, and that Source System is the one used when the ${lower(f)} was created (COR keeps IDs per source). If it was never created through this integration, create it first with "${byExternalId('Create', noun(f))}".${corSaid(f)}`,
  },
  {
    id: 'source refused',
    when: (f) => f.info.name === 'InvalidSourceError',
    says: (f) => `COR does not accept source "${source(f)}". Pick one of the values offered in the Source System field.${corSaid(f)}`,
  },
  {
    id: 'dates out of order',
    when: (f) => f.info.name === 'InvalidDateRangeError' || /after the end|before (or equal to )?(the )?start|end date must be/i.test(text(f)),
    says: (f) => `COR rejected the dates: the end is before the start. Make sure the end date is on or after the start date.${corSaid(f)}`,
  },
  {
    id: 'role refused',
    when: (f) => f.info.name === 'InvalidRoleError',
    says: (f) => `COR rejected the role. Role must be one of: 1 C-Level, 2 Director, 3 Project Manager, 4 Collaborator, 5 Freelancer, 6 Client.${corSaid(f)}`,
  },
  {
    id: 'still in use',
    when: (f) => f.info.name === 'DeletionError',
    says: (f) =>
      `COR cannot delete ${lower(f)} ${quote(f.ctx.externalId)} because other records still depend on it.${corSaid(f)} Remove or reassign those records in COR first, then run this step again.`,
  },
  {
    id: 'already attached',
    when: (f) => f.info.name === 'AlreadyAttachedError',
    says: (f) => `Some of these users are already attached to this ${lower(f)}.${corSaid(f)}`,
  },
  {
    id: 'not attached',
    when: (f) => f.info.name === 'NotAttachedError',
    says: (f) => `Some of these users are not attached to this ${lower(f)}, so they cannot be detached.${corSaid(f)}`,
  },
  {
    id: 'forbidden',
    when: (f) => f.status === 403,
    says: (f) =>
      `COR refused to ${doing(f.ctx)} (403 Forbidden): the COR user whose API key this connection uses lacks the permission. Ask a COR administrator for it, or reconnect Zapier with the API key of a user who has it.${corSaid(f)}`,
  },
  {
    id: 'data refused',
    when: (f) => ['ValidationError', 'UnprocessableEntity'].includes(f.info.name ?? '') || ['ZC001', 'ZC002'].includes(f.info.code ?? '') || [400, 417, 422].includes(f.status),
    says: (f) => `COR rejected the data for this ${lower(f)} (HTTP ${f.status}).${corSaid(f) || ' COR gave no reason.'} Check the values mapped into this step and run it again.`,
  },
  {
    id: 'error in a success answer',
    when: (f) => f.status < 300,
    code: () => 'CorReportedError',
    says: (f) =>
      `COR answered the request to ${doing(f.ctx)} with an error, although its HTTP status was ${f.status}, so the step is not taken as done.${corSaid(f)} Check the values mapped into this step; if they are right, replay the step later.`,
  },
  { id: 'anything else', when: () => true, says: (f) => `COR could not ${doing(f.ctx)} (HTTP ${f.status}).${corSaid(f)}` },
];

/** The first rule that applies, phrased. */
export const describeCorError = (failure: Failure): { message: string; code: string; rule: string } => {
  const rule = ERROR_RULES.find((r) => r.when(failure))!;
  return { message: rule.says(failure).trim(), code: rule.code?.(failure) ?? codeOf(failure), rule: rule.id };
};

/** Retry-After as RFC 9110 reads it: whole seconds, or an HTTP date; clamped to 1 s – 1 h. */
export const retryAfterSeconds = (header: string | undefined, now = Date.now()): number | undefined => {
  const value = header?.trim();
  if (!value) return undefined;
  const clamp = (seconds: number) => Math.min(3600, Math.max(1, seconds));
  if (/^\d+$/.test(value)) return clamp(Number(value));
  // An HTTP date names a weekday and a month; anything else ("-1", "1.5", "soon") is not one.
  if (!/^[A-Z][a-z]{2},? .*\d{4}|GMT/.test(value)) return undefined;
  const when = Date.parse(value);
  return Number.isNaN(when) ? undefined : clamp(Math.ceil((when - now) / 1000));
};

/** 502/503/504 without Retry-After: 30–60 s, spread so that many Zaps do not retry at once. */
export const gatewayRetryDelay = (random = Math.random): number => 30 + Math.floor(random() * 31);
