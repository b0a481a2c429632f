/** What every main-API write reads: the sandbox's clock and IDs, the main-API records, the connected user, and COR's answers to a bad request. */
import type { z } from 'zod';
import { corTime, type MainApi, type MainKind, type MainRecord } from '../main-api.js';
import { CorError, type SandboxState, validation } from '../state.js';

/** The user `/v1/me` answers with: the user the API key signs in as. */
export interface ConnectedUser {
  id: number;
  first_name: string;
  last_name: string;
  email: string;
  role_id: number;
  [key: string]: unknown;
}

export const writeContext = (state: SandboxState, api: MainApi, me: ConnectedUser) => ({
  state,
  api,
  me,
  /** The sandbox's clock, and the same moment as COR writes it ("2025-02-01 09:00:00"). */
  clock: () => {
    const ms = state.nowMs();
    return { ms, text: corTime(ms) };
  },
  /** A record by the COR ID in a path or a body (text or number); none for an ID that is not a whole number. */
  record: (kind: MainKind, id: unknown): MainRecord | undefined => (/^\d+$/.test(String(id)) ? api.find(kind, Number(id)) : undefined),
  /** A user the main API knows: one it lists, or the connected user. */
  user: (id: number): Record<string, unknown> | undefined => (id === me.id ? me : api.find('users', id)?.item),
  /** The answer to an ID that names nothing, as the main API's get by ID gives it. */
  notFound: (noun: string, id: unknown) => new CorError(404, { status: 'error', code: 'NOT_FOUND', message: `${noun} ${String(id)} not found` }),
  /** The body as the route reads it, or COR's ValidationError naming the fields it cannot read. */
  read<T>(schema: z.ZodType<T>, body: unknown): T {
    const result = schema.safeParse(body ?? {});
    if (result.success) return result.data;
    const errors = result.error.issues.map((i) => ({ field: i.path.join('.') || 'body', message: i.message }));
    throw validation(`Missing or invalid fields: ${errors.map((e) => e.field).join(', ')}`, errors);
  },
});

export type WriteContext = ReturnType<typeof writeContext>;

/** The `{id, first_name, last_name}` COR shows for a user in a record. */
export const userSummary = (user: Record<string, unknown>) => ({ id: user.id as number, first_name: user.first_name as string, last_name: user.last_name as string });
