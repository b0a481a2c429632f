/**
 * Main-API requests checked against COR's own OpenAPI 3.1 document (cor-main-api-v1.openapi.json
 * beside this file, vendored unchanged: see README.md): the method and path, the path and query
 * parameters, and the body against the schema declared for its Content-Type. The sandbox checks
 * every /v1/ request with it, the unit tests every main-API request nock answers.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import { type FormFields, formFields, type MultipartBody, multipartBody } from './forms.js';

export interface MainApiRequest {
  method: string;
  /** The full URL, or the path below the document's server (`/v1`), with its query. */
  url: string;
  headers?: Headers | Record<string, string | string[] | undefined>;
  /**
   * The body as sent; absent or empty for none. A multipart body may come already read (the
   * sandbox streams it to files, never holding its bytes): its fields and files, or the Error that
   * stopped its reading.
   */
  body?: string | Uint8Array | MultipartBody | Error;
}

type Schema = Record<string, unknown>;
interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: Schema;
}
interface RequestBody {
  required?: boolean;
  content?: Record<string, { schema?: Schema }>;
}
type PathItem = Record<string, { parameters?: unknown[]; requestBody?: unknown } | undefined> & { parameters?: unknown[] };

const FILE = 'sandbox/openapi/cor-main-api-v1.openapi.json';

/** The document, from the repository root: this runs as sandbox/openapi/contract.ts (jest) and as .tools/sandbox/openapi/contract.js (npm start). */
const documentPath = (): string => {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    if (existsSync(join(dir, FILE))) return join(dir, FILE);
    if (dirname(dir) === dir) throw new Error(`${FILE} not found above ${import.meta.url}`);
  }
};

const document = JSON.parse(readFileSync(documentPath(), 'utf8')) as { servers?: { url: string }[]; paths: Record<string, PathItem> };
/** The server's base path (`/v1`): paths are matched below it. */
const BASE = new URL(document.servers?.[0]?.url ?? 'https://api.projectcor.com').pathname.replace(/\/$/, '');

/* ---------- the document as JSON pointers (schemas are compiled by pointer, so their $refs resolve) ---------- */

const child = (pointer: string, ...tokens: string[]): string => [pointer, ...tokens.map((t) => t.replace(/~/g, '~0').replace(/\//g, '~1'))].join('/');

const at = (pointer: string): unknown =>
  pointer
    .slice(2)
    .split('/')
    .reduce<unknown>((node, token) => (node as Record<string, unknown> | undefined)?.[token.replace(/~1/g, '/').replace(/~0/g, '~')], document);

/** The object a pointer names, after its `$ref`s, with the pointer it was found at. */
const resolved = (pointer: string): { value: Record<string, unknown>; pointer: string } => {
  const value = (at(pointer) ?? {}) as Record<string, unknown>;
  return typeof value.$ref === 'string' && value.$ref.startsWith('#/') ? resolved(value.$ref) : { value, pointer };
};

/* ---------- ajv, configured for an OpenAPI 3.1 document ---------- */

/**
 * OpenAPI's own words, which ajv must not refuse as unknown keywords: the document's top-level
 * fields (ajv compiles the root when a $ref points into it) and the Schema Object's annotations.
 */
const OPENAPI_WORDS = ['openapi', 'info', 'jsonSchemaDialect', 'servers', 'paths', 'webhooks', 'components', 'security', 'tags', 'externalDocs', 'discriminator', 'xml', 'example'];
const DOCUMENT_ID = 'cor-main-api-v1';

const makeAjv = (coerceTypes: false | 'array') => {
  // allowUnionTypes: 3.1's `type: [..]` lists. `nullable: true`, OpenAPI 3.0's word that the document
  // still uses, is honoured by ajv as its authors meant it: null is allowed too.
  const ajv = new Ajv2020({ allErrors: true, verbose: true, allowUnionTypes: true, coerceTypes });
  // ajv-formats is CommonJS: imported as ESM, its default export is the module, whose `default` is the plugin.
  ajvFormats.default(ajv);
  ajv.addVocabulary(OPENAPI_WORDS);
  // The document is not itself a JSON Schema: no meta-schema check.
  ajv.addSchema(document, DOCUMENT_ID, undefined, false);
  return ajv;
};

/** JSON bodies are typed as sent; path, query and form values are text, coerced per the schema as COR's server reads them. */
const AJV = { json: makeAjv(false), text: makeAjv('array') };
type Reading = keyof typeof AJV;
const compiled = new Map<string, ValidateFunction>();

const validatorFor = (reading: Reading, pointer: string): ValidateFunction => {
  const key = `${reading} ${pointer}`;
  if (!compiled.has(key)) compiled.set(key, AJV[reading].compile({ $ref: `${DOCUMENT_ID}${pointer}` }));
  return compiled.get(key)!;
};

const shown = (value: unknown): string => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
};

const lineOf = (error: ErrorObject, what: string): string => {
  const where = error.instancePath ? `${what} field ${error.instancePath.slice(1)}` : what;
  const allowed = error.keyword === 'enum' ? ` ${shown(error.params.allowedValues)}` : '';
  const got = error.keyword === 'required' ? '' : ` (got ${shown(error.data)})`;
  return `${where} ${error.message}${allowed}${got}`;
};

/** What is wrong with `value` against the schema at `pointer`, one line each. */
const problemsOf = (reading: Reading, pointer: string, value: unknown, what: string): string[] => {
  const validate = validatorFor(reading, pointer);
  return validate(value) ? [] : [...new Set((validate.errors ?? []).map((e) => lineOf(e, what)))];
};

/* ---------- method and path ---------- */

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

interface Route {
  template: string;
  pattern: RegExp;
  names: string[];
  item: PathItem;
}

/** A path template as a pattern: each `{name}` one whole segment, the rest literal. */
const routeOf = ([template, item]: [string, PathItem]): Route => {
  const parts = template.split(/(\{[^}]+\})/);
  const isName = (part: string) => /^\{.+\}$/.test(part);
  const source = parts.map((part) => (isName(part) ? '([^/]+)' : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))).join('');
  return { template, item, names: parts.filter(isName).map((part) => part.slice(1, -1)), pattern: new RegExp(`^${source}$`) };
};

/** OpenAPI matches concrete paths before templated ones: fewer parameters first. */
const ROUTES = Object.entries(document.paths)
  .map(routeOf)
  .sort((a, b) => a.names.length - b.names.length);

/* ---------- parameters ---------- */

interface Declared extends Parameter {
  /** Where its schema is. */
  schemaAt: string;
}

/** The path item's parameters, overridden by the operation's (same name and location). */
const parametersOf = (route: Route, method: string): Declared[] => {
  const declared = new Map<string, Declared>();
  for (const list of [child('#/paths', route.template, 'parameters'), child('#/paths', route.template, method, 'parameters')]) {
    ((at(list) as unknown[] | undefined) ?? []).forEach((_, i) => {
      const { value, pointer } = resolved(child(list, String(i)));
      const parameter = value as unknown as Parameter;
      declared.set(`${parameter.in} ${parameter.name}`, { ...parameter, schemaAt: child(pointer, 'schema') });
    });
  }
  return [...declared.values()];
};

/**
 * Path and query parameters (the document declares no header or cookie parameters). A query
 * parameter the operation does not declare is refused: COR's document lists each list's
 * parameters and says, of /tasks, "Do not add extra query parameters".
 */
const parameterProblems = (declared: Declared[], path: Record<string, string>, query: FormFields): string[] => {
  const inQuery = declared.filter((p) => p.in === 'query').map((p) => p.name);
  const problems = Object.keys(query)
    .filter((name) => !inQuery.includes(name))
    .map((name) => `query parameter ${name} is not declared (declared: ${inQuery.join(', ') || 'none'})`);
  for (const parameter of declared) {
    const value = parameter.in === 'path' ? path[parameter.name] : parameter.in === 'query' ? query[parameter.name] : undefined;
    if (value === undefined) {
      if (parameter.required && (parameter.in === 'path' || parameter.in === 'query')) problems.push(`required ${parameter.in} parameter ${parameter.name} is missing`);
    } else if (parameter.schema) {
      problems.push(...problemsOf('text', parameter.schemaAt, value, `${parameter.in} parameter ${parameter.name}`));
    }
  }
  return problems;
};

/* ---------- body ---------- */

const headerOf = (headers: MainApiRequest['headers'], name: string): string | undefined => {
  if (!headers) return undefined;
  if (typeof headers.get === 'function') return (headers as Headers).get(name) ?? undefined;
  const value = Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
  return Array.isArray(value) ? value[0] : (value as string | undefined);
};

/** The declared media type for a Content-Type's essence: exact, then `type/*`, then `*\/*`. */
const mediaTypeFor = (declared: string[], essence: string): string | undefined =>
  declared.find((d) => d.toLowerCase() === essence) ?? declared.find((d) => d.toLowerCase() === `${essence.split('/')[0]}/*`) ?? declared.find((d) => d === '*/*');

/** A schema's property names, where it lists them all (no additional or pattern properties, no anyOf/oneOf). */
const propertyNames = (pointer: string): Set<string> | undefined => {
  const { value: schema, pointer: found } = resolved(pointer);
  if (['additionalProperties', 'patternProperties', 'anyOf', 'oneOf'].some((k) => k in schema)) return undefined;
  const names = new Set(Object.keys((schema.properties as object | undefined) ?? {}));
  for (let i = 0; i < ((schema.allOf as unknown[] | undefined) ?? []).length; i++) {
    const more = propertyNames(child(found, 'allOf', String(i)));
    if (!more) return undefined;
    for (const name of more) names.add(name);
  }
  return names.size ? names : undefined;
};

/**
 * A form's keys are named parameters, as a query's are: a key the schema does not list is a
 * misspelt or differently serialised field (`usersIds[]=1`), which JSON Schema's open objects
 * would let through unseen. JSON bodies keep JSON Schema's reading.
 */
const formProblems = (schemaAt: string, fields: Record<string, unknown>): string[] => {
  const names = propertyNames(schemaAt);
  const unknown = names ? Object.keys(fields).filter((name) => !names.has(name)) : [];
  return [...unknown.map((name) => `body field ${name} is not declared (declared: ${[...names!].join(', ')})`), ...problemsOf('text', schemaAt, fields, 'body')];
};

/** A multipart body's fields, each file part standing for its file by its name: a string, as `format: binary` declares. */
const multipartProblems = async (body: NonNullable<MainApiRequest['body']>, contentType: string, schemaAt: string): Promise<string[]> => {
  let read: MultipartBody;
  try {
    if (body instanceof Error) throw body;
    read = typeof body === 'string' || body instanceof Uint8Array ? await multipartBody(body, contentType) : body;
  } catch (error) {
    return [`body is not readable multipart/form-data (${(error as Error).message})`];
  }
  const names = Object.entries(read.files).map(([name, parts]) => [name, parts.length === 1 ? parts[0]!.filename : parts.map((p) => p.filename)]);
  return formProblems(schemaAt, { ...read.fields, ...Object.fromEntries(names) });
};

/** The body read as its media type says, checked against the schema at `schemaAt`. */
const contentProblems = async (body: NonNullable<MainApiRequest['body']>, contentType: string, essence: string, schemaAt: string): Promise<string[]> => {
  if (essence === 'multipart/form-data') return multipartProblems(body, contentType, schemaAt);
  // A body already read comes only from the sandbox's multipart parser.
  if (!(typeof body === 'string' || body instanceof Uint8Array)) return [];
  const text = typeof body === 'string' ? body : Buffer.from(body).toString('utf8');
  if (essence === 'application/json' || essence.endsWith('+json')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      return [`body is not JSON (${(error as Error).message})`];
    }
    return problemsOf('json', schemaAt, parsed, 'body');
  }
  if (essence === 'application/x-www-form-urlencoded') return formProblems(schemaAt, formFields(text));
  return []; // a media type this check cannot read: only that it is declared
};

/** A missing required body, a body the operation does not take, or one whose Content-Type it does not declare. */
const bodyProblems = async (operationAt: string, request: MainApiRequest): Promise<string[]> => {
  const sent = request.body;
  const body = typeof sent === 'string' || sent instanceof Uint8Array ? (sent.length ? sent : undefined) : sent;
  if (at(child(operationAt, 'requestBody')) === undefined) return body ? ['sends a body, but the operation declares none'] : [];
  const { value, pointer } = resolved(child(operationAt, 'requestBody'));
  const requestBody = value as RequestBody;
  const declared = Object.keys(requestBody.content ?? {});
  if (!body) return requestBody.required ? [`the request body is required (declared: ${declared.join(', ')})`] : [];
  const contentType = headerOf(request.headers, 'content-type') ?? '';
  const essence = contentType.split(';')[0]!.trim().toLowerCase();
  const media = mediaTypeFor(declared, essence);
  if (!media) return [`Content-Type ${essence || '(none)'} is not declared for the body (declared: ${declared.join(', ')})`];
  const schemaAt = child(pointer, 'content', media, 'schema');
  return at(schemaAt) === undefined ? [] : contentProblems(body, contentType, essence, schemaAt);
};

/* ---------- the check ---------- */

/** A path segment's value; one with a stray `%` is checked as sent. */
const decoded = (segment: string): string => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
};

/** Every way the request departs from COR's document, one line each naming method and path; empty when it keeps it. */
export const checkMainApiRequest = async (request: MainApiRequest): Promise<string[]> => {
  const url = new URL(request.url, 'https://relative.invalid');
  const path = url.pathname.startsWith(`${BASE}/`) ? url.pathname.slice(BASE.length) : url.pathname;
  const method = request.method.toLowerCase();
  const label = `${method.toUpperCase()} ${path}`;
  const matching = ROUTES.filter((r) => r.pattern.test(path));
  const route = METHODS.includes(method) ? matching.find((r) => r.item[method] !== undefined) : undefined;
  if (!route) {
    if (!matching.length) return [`${label}: no such path in the document`];
    const methods = matching.flatMap((r) => METHODS.filter((m) => r.item[m] !== undefined).map((m) => m.toUpperCase()));
    return [`${label}: the document declares only ${[...new Set(methods)].join(', ')} for this path`];
  }
  const values = route.pattern.exec(path)!.slice(1);
  const pathValues = Object.fromEntries(route.names.map((name, i) => [name, decoded(values[i]!)]));
  const problems = [...parameterProblems(parametersOf(route, method), pathValues, formFields(url.search)), ...(await bodyProblems(child('#/paths', route.template, method), request))];
  const where = route.template === path ? label : `${label} (${route.template})`;
  return problems.map((problem) => `${where}: ${problem}`);
};
