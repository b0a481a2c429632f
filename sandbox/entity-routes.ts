/** The sandbox's Integrations API: create, update and delete of every entity, by external ID per source. */
import type { FastifyInstance } from 'fastify';
import { ENTITIES, type EntityModel } from './contract.js';
import { CorError, type SandboxState, type StoredEntity } from './state.js';

/** A create: a new mapping for the external ID, refused when the ID (or a user's email) is taken. */
const registerCreate = (app: FastifyInstance, state: SandboxState, entity: EntityModel) => {
  app.post(entity.base, async (request, reply) => {
    const source = state.sourceOf(request.body);
    const body = request.body as Record<string, unknown>;
    const id = String(body.id);
    const mappings = state.table(source, entity.kind);
    if (mappings.has(id)) {
      throw new CorError(
        400,
        entity.duplicateAsZC004
          ? { code: 'ZC004', message: 'Association already exists' }
          : { name: 'DuplicateExternalIdError', message: `A ${entity.noun.toLowerCase()} with this external ID already exists for this source` },
      );
    }
    if (entity.kind === 'users' && state.allOf('users').some((u) => u.fields.email === body.email)) {
      throw new CorError(400, { name: 'DuplicateEmailError', message: 'A user with this email already exists' });
    }
    state.resolveRefs(entity, source, body);
    const { metadata: _m, id: _id, ...fields } = body;
    state.checkDateOrder(entity, fields);
    if (entity.kind === 'contracts') state.checkCurrency(fields);
    const stored: StoredEntity = { corId: state.nextId(), externalId: id, source, fields, created_at: state.now(), updated_at: state.now() };
    mappings.set(id, stored);
    // COR documents 201 for leave creates; the other creates answer 200.
    const status = entity.kind === 'leaves' || entity.kind === 'leave-types' ? 201 : 200;
    return reply.code(status).send(state.answer(entity, stored, status));
  });
};

/** An update: the fields given replace those stored; the rest stay. */
const registerUpdate = (app: FastifyInstance, state: SandboxState, entity: EntityModel) => {
  app.put(`${entity.base}/:id`, async (request) => {
    const source = state.sourceOf(request.body);
    const body = request.body as Record<string, unknown>;
    const stored = state.find(source, entity.kind, (request.params as { id: string }).id);
    state.resolveRefs(entity, source, body);
    const { metadata: _m, id: _id, ...fields } = body;
    state.checkDateOrder(entity, { ...stored.fields, ...fields });
    if (entity.kind === 'contracts') state.checkCurrency(fields);
    Object.assign(stored.fields, fields);
    stored.updated_at = state.now();
    return state.answer(entity, stored, 200, 'update');
  });
};

/** What COR answers a delete with, by the entity's shape of answer. */
const DELETE_ANSWERS: Record<EntityModel['deleteShape'], (entity: EntityModel, externalId: string, stored: StoredEntity) => unknown> = {
  ids: (entity, externalId, stored) => ({ message: `${entity.noun} deleted successfully`, external_id: externalId, cor_id: stored.corId }),
  wrapped: (_entity, externalId) => ({ statusCode: 200, status: 'success', data: { message: 'Leave request deleted successfully', deletedId: externalId } }),
  generic: () => ({ message: 'Entity deleted successfully' }),
};

/** A delete: refused while another entity still refers to this one. */
const registerDelete = (app: FastifyInstance, state: SandboxState, entity: EntityModel) => {
  app.delete(`${entity.base}/:id`, async (request) => {
    const source = state.sourceOf(request.body);
    const externalId = (request.params as { id: string }).id;
    const stored = state.find(source, entity.kind, externalId);
    for (const key of entity.deleteRequires ?? []) {
      const value = (request.body as Record<string, unknown>)[key];
      const rule = entity.fields[key]!;
      if (rule.startsWith('ref:')) {
        state.find(source, rule.slice(4), value as string, () => new CorError(404, { name: 'UserNotFoundError', message: 'User not found in the integration mappings' }));
      }
    }
    const users = state.dependents(source, entity.kind, externalId);
    if (users.length) {
      throw new CorError(400, { name: 'DeletionError', message: `${entity.noun} is still used by: ${[...new Set(users)].join(', ')}` });
    }
    state.table(source, entity.kind).delete(externalId);
    return DELETE_ANSWERS[entity.deleteShape](entity, externalId, stored);
  });
};

export const registerEntityRoutes = (app: FastifyInstance, state: SandboxState): void => {
  for (const entity of ENTITIES) {
    registerCreate(app, state, entity);
    if (!entity.noUpdate) registerUpdate(app, state, entity);
    if (!entity.noDelete) registerDelete(app, state, entity);
  }
};
