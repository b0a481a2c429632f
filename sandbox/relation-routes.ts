/** The sandbox's Integrations API beyond create/update/delete: attach, detach, assign, and the batch of exchange rates. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { contractUsersSchema, currencySchema, positionAssignSchema, workspaceAttachSchema } from './contract.js';
import { CorError, type SandboxState, type StoredEntity } from './state.js';

const KNOWN_CURRENCIES = new Set(['ARS', 'USD', 'EUR', 'BRL', 'MXN', 'CLP', 'COP', 'GBP', 'UYU', 'PEN']);

type ContractUser = z.infer<typeof contractUsersSchema>['users'][number];
type Period = ContractUser['dates'][number];

/** The request's source, its body, and the record its `:id` names (by external ID, from that source). */
const named = <Body>(state: SandboxState, request: FastifyRequest, kind: string) => {
  const source = state.sourceOf(request.body);
  const body = request.body as Body;
  const record = state.find(source, kind, (request.params as { id: string }).id);
  return { source, body, record };
};

/** Why COR rejects a period of a user on a contract, or undefined when it takes it. */
const periodProblem = (period: Period): string | undefined => {
  if (!period.start || !period.end) return 'Date malformatted. Start and end date are required';
  if (Date.parse(period.end) < Date.parse(period.start)) return 'Date malformatted. Start date must be before end date';
  return undefined;
};

/** The rows of the valid periods of known users, and why COR rejects the rest. */
const attachPeriods = (state: SandboxState, source: string, users: ContractUser[]) => {
  const assigned: { id: number; user_id: number; start_date: string; end_date: string }[] = [];
  const errors: Record<string, unknown>[] = [];
  for (const user of users) {
    const found = state.table(source, 'users').get(user.id);
    if (!found) {
      errors.push({ id: user.id, error_code: 'CE001', message: 'User not found in associations' });
      continue;
    }
    const bad: Record<string, unknown>[] = [];
    for (const period of user.dates) {
      const problem = periodProblem(period);
      if (problem) bad.push({ ...period, message: problem });
      else {
        assigned.push({ id: state.nextId(), user_id: found.corId, start_date: `${period.start}T00:00:00.000Z`, end_date: `${period.end}T00:00:00.000Z` });
      }
    }
    if (bad.length) errors.push({ id: user.id, dates: bad, message: 'Partial success. Some dates were rejected' });
  }
  return { assigned, errors };
};

/** Users on a contract, for periods: attached by the period, detached altogether. */
const registerContractUsers = (app: FastifyInstance, state: SandboxState) => {
  app.post('/v2/integrations/contracts/:id/users', async (request) => {
    const { source, body, record: contract } = named<z.infer<typeof contractUsersSchema>>(state, request, 'contracts');
    const attached = state.relations.contractUsers.get(contract.corId) ?? [];
    const { assigned, errors } = attachPeriods(state, source, body.users);
    attached.push(...assigned);
    state.relations.contractUsers.set(contract.corId, attached);
    const received = body.users.reduce((sum, user) => sum + user.dates.length, 0);
    const status = errors.length === 0 ? 'success' : assigned.length ? 'partial_success' : 'failure';
    return { status, company_id: 2336, contract_id: contract.externalId, records_received: received, records_created: assigned.length, records_rejected: received - assigned.length, assigned, errors };
  });

  app.delete('/v2/integrations/contracts/:id/users', async (request) => {
    const { source, body, record: contract } = named<{ users: string[] }>(state, request, 'contracts');
    const attached = state.relations.contractUsers.get(contract.corId) ?? [];
    const ids = body.users.map((u) => state.find(source, 'users', u, () => new CorError(404, { name: 'UserNotFoundError', message: `User ${u} not found` })).corId);
    const missing = ids.filter((id) => !attached.some((a) => a.user_id === id));
    if (missing.length) throw new CorError(400, { name: 'NotAttachedError', message: `Users not attached to this contract: ${missing.join(', ')}` });
    state.relations.contractUsers.set(
      contract.corId,
      attached.filter((a) => !ids.includes(a.user_id)),
    );
    return { message: 'Users detached successfully', contract_id: contract.corId, detached_users: ids };
  });
};

/** A team's members: attached (each once) and detached. */
const registerTeamUsers = (app: FastifyInstance, state: SandboxState) => {
  const teamUsersOf = (team: StoredEntity): Set<number> => {
    if (!state.relations.teamUsers.has(team.corId)) state.relations.teamUsers.set(team.corId, new Set());
    return state.relations.teamUsers.get(team.corId)!;
  };
  const relationRows = (team: StoredEntity, userIds: number[]) =>
    userIds.map((user_id) => ({ team_id: team.corId, user_id, id: team.corId * 1000 + user_id, created_at: state.now(), updated_at: state.now() }));

  app.put('/v2/integrations/teams/:id/attach', async (request) => {
    const { source, body, record: team } = named<{ users: string[] }>(state, request, 'teams');
    const users = body.users.map((u) => state.find(source, 'users', u, () => new CorError(404, { code: 'ZC001', message: `Entity is not associated: missing associations for users (${u})` })));
    const members = teamUsersOf(team);
    const added: number[] = [];
    const errors: Record<string, unknown>[] = [];
    for (const user of users) {
      if (members.has(user.corId)) errors.push({ user_id: user.corId, name: 'ALREADY_ASSIGNED', code: 'UT011', message: 'User is already assigned to this team' });
      else {
        members.add(user.corId);
        added.push(user.corId);
      }
    }
    return { users: relationRows(team, added), errors };
  });

  app.put('/v2/integrations/teams/:id/detach', async (request) => {
    const { source, body, record: team } = named<{ users: string[] }>(state, request, 'teams');
    const members = teamUsersOf(team);
    for (const u of body.users) members.delete(state.find(source, 'users', u).corId);
    return relationRows(team, [...members]);
  });
};

/** A user's workspaces, each with the user's share of it: attached and detached. */
const registerUserWorkspaces = (app: FastifyInstance, state: SandboxState) => {
  const userWithWorkspaces = (source: string, user: StoredEntity) => {
    const shares = state.relations.userWorkspaces.get(user.corId) ?? new Map<number, number>();
    const workspaces = state
      .allOf('workspaces')
      .filter((w) => w.source === source && shares.has(w.corId))
      .map((w) => ({ id: w.corId, name: w.fields.name, active: w.fields.active ?? true, pivot: { workspace_id: w.corId, user_id: user.corId, percentage: shares.get(w.corId) } }));
    return { id: user.corId, name: `${user.fields.first_name} ${user.fields.last_name}`, email: user.fields.email, workspaces };
  };

  app.put('/v2/integrations/users/:id/attach', async (request) => {
    const { source, body, record: user } = named<z.infer<typeof workspaceAttachSchema>>(state, request, 'users');
    const shares = state.relations.userWorkspaces.get(user.corId) ?? new Map<number, number>();
    for (const w of body.workspaces) {
      const workspace = state.find(source, 'workspaces', w.workspaceId, () => new CorError(404, { name: 'WorkspaceNotFoundError', message: `Workspace ${w.workspaceId} not found` }));
      shares.set(workspace.corId, w.percentage);
    }
    state.relations.userWorkspaces.set(user.corId, shares);
    return userWithWorkspaces(source, user);
  });

  app.put('/v2/integrations/users/:id/detach', async (request) => {
    const { source, body, record: user } = named<{ workspaces: string[] }>(state, request, 'users');
    const shares = state.relations.userWorkspaces.get(user.corId) ?? new Map<number, number>();
    for (const w of body.workspaces) shares.delete(state.find(source, 'workspaces', w).corId);
    return userWithWorkspaces(source, user);
  });
};

/** Users' positions, and a position's seniority. */
const registerPositions = (app: FastifyInstance, state: SandboxState) => {
  app.put('/v2/user/user-position', async (request) => {
    const source = state.sourceOf(request.body);
    const body = request.body as z.infer<typeof positionAssignSchema>;
    const assignments = body.users.map((u) => {
      const user = state.find(source, 'users', u.id, () => new CorError(404, { name: 'UserNotFoundError', message: `User ${u.id} not found` }));
      const position = state.find(source, 'positions', u.position_id, () => new CorError(404, { name: 'PositionNotFoundError', message: `Position ${u.position_id} not found` }));
      user.fields.user_position_id = u.position_id;
      return { user_id: user.corId, position_id: position.corId, status: 'assigned' };
    });
    return { message: 'Users assigned to positions successfully', assignments };
  });

  app.post('/v2/user-position/:position/seniority/:seniority', async (request) => {
    const source = state.sourceOf(request.body);
    const { position: positionId, seniority: seniorityId } = request.params as { position: string; seniority: string };
    const position = state.find(source, 'positions', positionId, () => new CorError(400, { code: 'ZC002', message: 'User position not found' }));
    const seniority = state.find(source, 'seniority', seniorityId, () => new CorError(404, { name: 'SeniorityNotFoundError', message: 'Seniority not found' }));
    position.fields.seniority = seniority.fields.name;
    return { statusCode: 200, status: 'success', data: { name: position.fields.name, seniority: seniority.fields.name, company_id: 2336, created_at: position.created_at, updated_at: state.now() } };
  });
};

/** The batch of exchange rates: each rate is taken, or rejected with COR's reason. */
const registerCurrencyExchanges = (app: FastifyInstance, state: SandboxState, baseCurrency: string) => {
  app.post('/v2/integrations/currency-exchanges', async (request) => {
    const body = request.body as z.infer<typeof currencySchema>;
    const errors: Record<string, unknown>[] = [];
    let created = 0;
    for (const rate of body.currency_exchanges) {
      const problem =
        !KNOWN_CURRENCIES.has(rate.foreign_currency) || !KNOWN_CURRENCIES.has(rate.base_currency) ? 'Currency not found' : rate.base_currency !== baseCurrency ? 'Base currency mismatch' : undefined;
      if (problem) errors.push({ from_currency: rate.foreign_currency, to_currency: rate.base_currency, message: problem });
      else {
        state.currencyRates.push(rate);
        created += 1;
      }
    }
    const status = errors.length === 0 ? 'success' : created ? 'partial' : 'failed';
    return {
      status,
      company_id: 2336,
      records_received: body.currency_exchanges.length,
      records_deduplicated: 0,
      records_created: created,
      records_replaced: 0,
      records_rejected: errors.length,
      errors,
    };
  });
};

export const registerRelationRoutes = (app: FastifyInstance, state: SandboxState, baseCurrency: string): void => {
  registerContractUsers(app, state);
  registerTeamUsers(app, state);
  registerUserWorkspaces(app, state);
  registerPositions(app, state);
  registerCurrencyExchanges(app, state, baseCurrency);
};
