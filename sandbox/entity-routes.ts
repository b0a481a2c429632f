/** The sandbox's Integrations API: create, update and delete of every entity, by external ID per source. */
import type { FastifyInstance } from 'fastify';
import { ENTITIES } from './contract.js';
import { CorError, type SandboxState, type StoredEntity } from './state.js';

export const registerEntityRoutes = (app: FastifyInstance, state: SandboxState): void => {
  for (const entity of ENTITIES) {
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

    if (!entity.noUpdate) {
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
    }

    if (!entity.noDelete) {
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
        if (entity.deleteShape === 'ids') return { message: `${entity.noun} deleted successfully`, external_id: externalId, cor_id: stored.corId };
        if (entity.deleteShape === 'wrapped') return { statusCode: 200, status: 'success', data: { message: 'Leave request deleted successfully', deletedId: externalId } };
        return { message: 'Entity deleted successfully' };
      });
    }
  }
};
