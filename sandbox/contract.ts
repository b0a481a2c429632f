/**
 * The sandbox's model of COR's documented Integrations API, written from COR's public pages
 * (https://developers.projectcor.com/api-reference/integrations-introduction and the pages its
 * index lists, https://developers.projectcor.com/llms.txt), not from the app's entity
 * descriptions, so that end-to-end tests check the app against an independent reading.
 */
import { z } from 'zod';

/** Every Integrations API operation page in COR's page index (https://developers.projectcor.com/llms.txt), below api-reference/integrations/. */
export const COR_PAGES = [
  'brands/create',
  'brands/delete',
  'brands/update',
  'categories/create',
  'categories/delete',
  'categories/update',
  'clients/create',
  'clients/delete',
  'clients/update',
  'contracts/attach-users',
  'contracts/create',
  'contracts/delete',
  'contracts/detach-users',
  'contracts/update',
  'currency-exchanges/create',
  'positions/assign-seniority',
  'positions/create',
  'positions/delete',
  'positions/update',
  'products/create',
  'products/delete',
  'products/update',
  'projects/create',
  'projects/delete',
  'projects/update',
  'seniority/create',
  'seniority/delete',
  'seniority/update',
  'teams/attach-users',
  'teams/create',
  'teams/delete',
  'teams/detach-users',
  'teams/update',
  'user-leaves/create',
  'user-leaves/create-leave',
  'user-leaves/delete',
  'user-leaves/delete-leave',
  'user-leaves/update',
  'user-leaves/update-leave',
  'users/assign-position',
  'users/attach-workspaces',
  'users/create',
  'users/delete',
  'users/detach-workspaces',
  'users/update',
  'working-time/create',
  'working-time/delete',
  'workspaces/create',
  'workspaces/update',
] as const;

export const SOURCES = ['JIRA', 'SALESFORCE', 'ADVERTMIND', 'QUICKBOOKS', 'ZAPIER', 'OKTA', 'MICROSOFT_DYNAMICS', 'GITHUB', 'MICROSOFT_TEAMS', 'VBS', 'SAP', 'GLOBANT'] as const;

/** A field's type in a body; `ref:<kind>` is the external ID of another entity of the same source. */
export type FieldRule = 'string' | 'number' | 'integer' | 'boolean' | 'date' | 'datetime' | 'email' | `ref:${string}`;

export interface EntityModel {
  kind: string;
  /** Singular noun COR uses in error names: `${noun}NotFoundError`. */
  noun: string;
  base: string;
  fields: Record<string, FieldRule>;
  required: string[];
  /** Update requires every field (leaves). */
  updateRequiresAll?: boolean;
  noUpdate?: boolean;
  noDelete?: boolean;
  /** How COR answers: flat entity, or {statusCode, status, data} (with data.id the external ID for some). */
  envelope: 'flat' | 'wrapped' | 'wrapped-external';
  deleteShape: 'ids' | 'generic' | 'wrapped';
  /** Duplicates answered with ZC004 rather than DuplicateExternalIdError. */
  duplicateAsZC004?: boolean;
  dateOrder?: [string, string];
  /** Fields that must also be sent on delete (leaves: userId). */
  deleteRequires?: string[];
  /** What COR's pages show in its answers besides the entity's fields: always, or only on create or update. */
  answerExtras?: { all?: Record<string, unknown>; create?: Record<string, unknown>; update?: Record<string, unknown> };
}

const ref = (kind: string): FieldRule => `ref:${kind}`;

export const ENTITIES: EntityModel[] = [
  {
    kind: 'clients',
    noun: 'Client',
    base: '/v2/integrations/clients',
    envelope: 'flat',
    deleteShape: 'ids',
    required: ['name'],
    fields: { name: 'string', business_name: 'string', email_contact: 'email', name_contact: 'string', last_name_contact: 'string', phone: 'string', website: 'string', description: 'string' },
  },
  {
    kind: 'brands',
    noun: 'Brand',
    base: '/v2/integrations/brands',
    envelope: 'flat',
    deleteShape: 'ids',
    required: ['name', 'client_id'],
    fields: { name: 'string', client_id: ref('clients') },
    answerExtras: { all: { user_id: 1 } },
  },
  {
    kind: 'products',
    noun: 'Product',
    base: '/v2/integrations/products',
    envelope: 'flat',
    deleteShape: 'generic',
    required: ['name', 'client_id', 'brand_id'],
    fields: { name: 'string', client_id: ref('clients'), brand_id: ref('brands'), description: 'string' },
    answerExtras: { all: { user_id: 1 } },
  },
  {
    kind: 'projects',
    noun: 'Project',
    base: '/v2/integrations/projects',
    envelope: 'flat',
    deleteShape: 'ids',
    required: ['name'],
    dateOrder: ['start', 'end'],
    fields: {
      name: 'string',
      client_id: ref('clients'),
      brief: 'string',
      start: 'date',
      end: 'date',
      pm_id: ref('users'),
      brand_id: ref('brands'),
      product_id: ref('products'),
      estimated_time: 'number',
      billable: 'boolean',
      status: 'string',
      currency_id: 'string',
      evaluation_date: 'date',
      estimated: 'number',
      fee_id: 'string',
      contract_id: ref('contracts'),
      deliverables: 'string',
      work_order: 'string',
      income_type: 'string',
      archived: 'boolean',
    },
  },
  {
    kind: 'contracts',
    noun: 'Contract',
    base: '/v2/integrations/contracts',
    envelope: 'flat',
    deleteShape: 'ids',
    required: ['name', 'client_id'],
    dateOrder: ['start_date', 'end_date'],
    // COR names no currency field for contracts (only "the currency ISO sent in the request"): the sandbox takes currency_id.
    fields: {
      name: 'string',
      client_id: ref('clients'),
      type: 'string',
      status: 'string',
      start_date: 'date',
      end_date: 'date',
      value: 'number',
      currency_id: 'string',
      description: 'string',
      corId: 'integer',
    },
  },
  {
    kind: 'users',
    noun: 'User',
    base: '/v2/integrations/users',
    envelope: 'flat',
    deleteShape: 'ids',
    required: ['email', 'first_name', 'last_name'],
    fields: {
      email: 'email',
      first_name: 'string',
      last_name: 'string',
      phone: 'string',
      position: 'string',
      department: 'string',
      role_id: 'integer',
      daily_hours: 'number',
      user_position_id: ref('positions'),
      seniority_id: ref('seniority'),
      hourly_rate: 'number',
      hourly_rate_effective_from: 'date',
    },
  },
  {
    kind: 'positions',
    noun: 'Position',
    base: '/v2/integrations/user-position',
    envelope: 'wrapped-external',
    deleteShape: 'generic',
    required: ['name'],
    fields: { name: 'string', category_id: ref('categories'), rate: 'number', seniority: 'string' },
  },
  { kind: 'categories', noun: 'Category', base: '/v2/integrations/categories', envelope: 'wrapped-external', deleteShape: 'generic', required: ['name'], fields: { name: 'string' } },
  {
    kind: 'seniority',
    noun: 'Seniority',
    base: '/v2/integrations/seniority',
    envelope: 'wrapped-external',
    deleteShape: 'generic',
    required: ['name'],
    duplicateAsZC004: true,
    fields: { name: 'string' },
    answerExtras: { update: { deleted_at: null, __meta__: { oldRate: 0 } } },
  },
  {
    kind: 'teams',
    noun: 'Team',
    base: '/v2/integrations/teams',
    envelope: 'flat',
    deleteShape: 'generic',
    required: ['name'],
    duplicateAsZC004: true,
    fields: { name: 'string', workspace_id: ref('workspaces'), description: 'string' },
    answerExtras: { update: { deleted_at: null } },
  },
  {
    kind: 'workspaces',
    noun: 'Workspace',
    base: '/v2/integrations/workspaces',
    envelope: 'flat',
    deleteShape: 'generic',
    required: ['name'],
    noDelete: true,
    fields: { name: 'string', active: 'boolean', description: 'string' },
  },
  {
    kind: 'leaves',
    noun: 'Leave',
    base: '/v2/integrations/leaves',
    envelope: 'wrapped',
    deleteShape: 'wrapped',
    required: ['userId', 'leaveTypeId', 'start', 'end', 'allDay'],
    updateRequiresAll: true,
    dateOrder: ['start', 'end'],
    deleteRequires: ['userId'],
    fields: { userId: ref('users'), leaveTypeId: ref('leave-types'), start: 'datetime', end: 'datetime', allDay: 'boolean' },
    answerExtras: { all: { status: 'pending' } },
  },
  { kind: 'leave-types', noun: 'LeaveType', base: '/v2/integrations/leave-types', envelope: 'wrapped', deleteShape: 'generic', required: ['name'], fields: { name: 'string' } },
  {
    kind: 'working-time',
    noun: 'WorkingTime',
    base: '/v2/integrations/working-time',
    envelope: 'wrapped-external',
    deleteShape: 'generic',
    required: ['userId', 'workingTimes'],
    noUpdate: true,
    fields: { userId: ref('users') },
  },
];

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

const ruleSchema = (rule: FieldRule): z.ZodType => {
  switch (rule) {
    case 'string':
      return z.string();
    case 'number':
      return z.number();
    case 'integer':
      return z.number().int();
    case 'boolean':
      return z.boolean();
    case 'date':
      return z.string().regex(DATE, 'must be YYYY-MM-DD');
    case 'datetime':
      return z.string().regex(DATETIME, 'must be ISO 8601');
    case 'email':
      return z.string().email();
    default:
      return z.string().min(1);
  }
};

export const metadataSchema = z.object({ source: z.string() }).passthrough();

/** Body schema for a create (`withId`) or an update of an entity. */
export const bodySchema = (entity: EntityModel, mode: 'create' | 'update') => {
  const shape: Record<string, z.ZodType> = { metadata: metadataSchema };
  if (mode === 'create') shape.id = z.string().min(1);
  const required = mode === 'create' || entity.updateRequiresAll ? entity.required : [];
  for (const [key, rule] of Object.entries(entity.fields)) {
    const schema = ruleSchema(rule);
    shape[key] = required.includes(key) ? schema : schema.optional();
  }
  if (entity.kind === 'working-time') {
    shape.workingTimes = z
      .array(z.object({ dayOfWeek: z.enum(['1', '2', '3', '4', '5', '6', '7']), start: z.string().regex(/^\d{2}:\d{2}$/), end: z.string().regex(/^\d{2}:\d{2}$/), breakTime: z.string().optional() }))
      .min(1);
  }
  return z.object(shape).passthrough();
};

export const contractUsersSchema = z.object({
  metadata: metadataSchema,
  users: z.array(z.object({ id: z.string(), dates: z.array(z.object({ start: z.string().nullish(), end: z.string().nullish() })).min(1) })).min(1),
});
export const idListSchema = (key: string) => z.object({ metadata: metadataSchema, [key]: z.array(z.string().min(1)).min(1) });
export const workspaceAttachSchema = z.object({ metadata: metadataSchema, workspaces: z.array(z.object({ workspaceId: z.string().min(1), percentage: z.number().min(0).max(100) })).min(1) });
export const positionAssignSchema = z.object({ metadata: metadataSchema, users: z.array(z.object({ id: z.string().min(1), position_id: z.string().min(1) })).min(1) });
export const currencySchema = z.object({
  metadata: metadataSchema,
  currency_exchanges: z
    .array(
      z.object({
        foreign_currency: z.string(),
        base_currency: z.string(),
        amount: z.number(),
        factor: z.number(),
        effective_date: z.string().regex(DATETIME),
        metadata: z.object({ last_updated_datetime: z.string().optional(), rate_type: z.string().optional() }).optional(),
      }),
    )
    .min(1)
    .max(20),
});

/** The body of a delete: the source, and what the entity also needs named (leaves: userId). */
export const deleteSchema = (entity: EntityModel) => z.object({ metadata: metadataSchema, ...Object.fromEntries((entity.deleteRequires ?? []).map((key) => [key, z.string().min(1)])) }).passthrough();

/** Every Integrations API endpoint the docs give, with the body it takes (`:name` is one path segment). */
export const ROUTES: { method: 'POST' | 'PUT' | 'DELETE'; path: string; body: z.ZodType }[] = [
  ...ENTITIES.flatMap((e) => [
    { method: 'POST' as const, path: e.base, body: bodySchema(e, 'create') },
    ...(e.noUpdate ? [] : [{ method: 'PUT' as const, path: `${e.base}/:id`, body: bodySchema(e, 'update') }]),
    ...(e.noDelete ? [] : [{ method: 'DELETE' as const, path: `${e.base}/:id`, body: deleteSchema(e) }]),
  ]),
  { method: 'POST', path: '/v2/integrations/contracts/:id/users', body: contractUsersSchema },
  { method: 'DELETE', path: '/v2/integrations/contracts/:id/users', body: idListSchema('users') },
  { method: 'PUT', path: '/v2/integrations/teams/:id/attach', body: idListSchema('users') },
  { method: 'PUT', path: '/v2/integrations/teams/:id/detach', body: idListSchema('users') },
  { method: 'PUT', path: '/v2/integrations/users/:id/attach', body: workspaceAttachSchema },
  { method: 'PUT', path: '/v2/integrations/users/:id/detach', body: idListSchema('workspaces') },
  { method: 'PUT', path: '/v2/user/user-position', body: positionAssignSchema },
  { method: 'POST', path: '/v2/user-position/:position/seniority/:seniority', body: z.object({ metadata: metadataSchema }).passthrough() },
  { method: 'POST', path: '/v2/integrations/currency-exchanges', body: currencySchema },
];

/**
 * Checks one request against the documented contract, with no state: an endpoint that exists,
 * path segments that decode cleanly, a known source, a body of the documented shape.
 * Returns what is wrong, or undefined when the request keeps the contract.
 */
export const contractViolation = (method: string, rawPath: string, body: unknown): string | undefined => {
  const segments = rawPath.split('/');
  const route = ROUTES.find((r) => {
    const want = r.path.split('/');
    return r.method === method && want.length === segments.length && want.every((w, i) => (w.startsWith(':') ? segments[i] !== '' : w === segments[i]));
  });
  if (!route) return `no endpoint ${method} ${rawPath}`;
  for (const segment of segments) {
    try {
      if (['.', '..'].includes(decodeURIComponent(segment))) return `dot segment in ${rawPath}`;
    } catch {
      return `segment ${segment} is not valid %-encoding`;
    }
  }
  const source = (body as { metadata?: { source?: unknown } } | undefined)?.metadata?.source;
  if (!(SOURCES as readonly unknown[]).includes(source)) return `metadata.source ${JSON.stringify(source)} is not a documented source`;
  const result = route.body.safeParse(body);
  return result.success ? undefined : result.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
};
