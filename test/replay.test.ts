/**
 * Replays are harmless. Zapier's autoreplay (and a user's "Replay") runs a step again with
 * the same input. Against the sandbox, for every entity with an external ID, in dependency
 * order: "Create or Update" run twice creates once, then updates the same entity, and never
 * fails; a plain "Create" run again says the entity exists and points to the action that
 * can change it.
 */
import { entities } from '../creates/index.js';
import { upsertKey } from '../src/model/actions.js';
import { type EntitySpec, operationKey } from '../src/model/entity.js';
import { createOf, entitiesInOrder, linkedExample } from '../sandbox/examples.js';
import { createRunner, type Runner } from '../sandbox/zapier-runner.js';
import { failure } from './support/harness.js';
import { useSandbox } from './support/sandbox.js';

const local = useSandbox();
const S = 'GITHUB';
let runner: Runner;

beforeAll(async () => {
  runner = createRunner(local.sandbox.credentials);
  await runner.connect();
});

const withId = entitiesInOrder.filter((e) => createOf(e)!.fields.some((f) => f.key === 'id'));
const inputFor = (entity: EntitySpec): Record<string, unknown> => linkedExample(entity, createOf(entity)!, S);

/** Successful creates of this external ID that reached COR. */
const created = (entity: EntitySpec, id: string) =>
  local.sandbox.control.requests.filter((r) => r.method === 'POST' && r.path === createOf(entity)!.path && r.status < 300 && (r.body as { id?: string }).id === id).length;

describe.each(withId.map((e) => [e.noun, e] as const))('%s', (noun, entity) => {
  const canUpdate = entity.operations.some((op) => op.kind === 'update');

  if (canUpdate) {
    it(`"Create or Update ${noun}" replayed: created, then updated, one ${noun.toLowerCase()}`, async () => {
      const input = inputFor(entity);
      const first = await runner.run(upsertKey(entity), input);
      const second = await runner.run(upsertKey(entity), input);
      expect([first.action_taken, second.action_taken]).toEqual(['created', 'updated']);
      expect(second.external_id).toBe(first.external_id);
      expect(created(entity, String(input.id))).toBe(1);
    });
  } else {
    it(`"Create ${noun}" run once (it has no update in COR): one ${noun.toLowerCase()}`, async () => {
      const input = inputFor(entity);
      const out = await runner.run(operationKey(entity, createOf(entity)!), input);
      expect(out.external_id).toBe(input.id);
      expect(created(entity, String(input.id))).toBe(1);
    });
  }

  it(`"Create ${noun}" replayed: says the ${noun.toLowerCase()} exists and what to use instead`, async () => {
    const input = inputFor(entity);
    const error = await failure(runner.run(operationKey(entity, createOf(entity)!), input));
    expect(error.code).toMatch(/^(DuplicateExternalIdError|ZC004)$/);
    expect(error.message).toContain(`A ${noun.toLowerCase()} with external ID "${String(input.id)}" already exists in COR for source ${S}`);
    expect(error.message).toContain('so this run created nothing');
    expect(error.message).toContain(canUpdate ? `"Create or Update ${noun} by External ID"` : `COR cannot update a ${noun.toLowerCase()} through this integration`);
    expect(created(entity, String(input.id))).toBe(1);
  });
});

it('covers every entity that has an external ID, and every "Create or Update"', () => {
  expect(withId.map((e) => e.noun).sort()).toEqual(
    entities
      .filter((e) => createOf(e)?.fields.some((f) => f.key === 'id'))
      .map((e) => e.noun)
      .sort(),
  );
  expect(
    withId
      .filter((e) => e.operations.some((op) => op.kind === 'update'))
      .map(upsertKey)
      .sort(),
  ).toEqual(entities.flatMap((e) => (e.api !== 'main' && createOf(e) && e.operations.some((op) => op.kind === 'update') ? [upsertKey(e)] : [])).sort());
});
