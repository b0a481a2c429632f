/**
 * Replays are harmless. Zapier's autoreplay (and a user's "Replay") runs a step again with
 * the same input. Against the sandbox, for every entity with an external ID, in dependency
 * order: "Create or Update" run twice creates once, then updates the same entity, and never
 * fails; a plain "Create" run again says the entity exists and points to the action that
 * can change it.
 */
import { entities } from '../creates/index.js';
import { exampleInput, upsertKey } from '../src/actions.js';
import { type EntitySpec, type FieldSpec, operationKey } from '../src/entity.js';
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

const createOf = (entity: EntitySpec) => entity.operations.find((op) => op.kind === 'create');
const withId = entities.filter((e) => createOf(e)?.fields.some((f) => f.key === 'id'));
const exampleId = (entity: EntitySpec) => String(exampleInput(createOf(entity)!).id);
const byNoun = new Map(withId.map((e) => [e.noun, e]));

const referencesOf = (fields: readonly FieldSpec[]): string[] =>
  fields.flatMap((f) => [...(f.references ? [f.references] : []), ...referencesOf(f.children ?? [])]);

/** Entities after everything they name by external ID. */
const ordered: EntitySpec[] = [];
const visit = (entity: EntitySpec) => {
  if (ordered.includes(entity)) return;
  for (const noun of referencesOf(createOf(entity)!.fields)) if (noun !== entity.noun) visit(byNoun.get(noun)!);
  ordered.push(entity);
};
withId.forEach(visit);

/** The documented example input, with every reference pointing at the example of the entity it names. */
const linked = (fields: readonly FieldSpec[], input: Record<string, unknown>): Record<string, unknown> => {
  const out = { ...input };
  for (const f of fields) {
    if (f.references && byNoun.has(f.references)) {
      const id = exampleId(byNoun.get(f.references)!);
      out[f.key] = f.list ? [id] : id;
    }
    if (f.children) out[f.key] = (input[f.key] as Record<string, unknown>[]).map((row) => linked(f.children!, row));
  }
  return out;
};
const inputFor = (entity: EntitySpec): Record<string, unknown> => ({ ...linked(createOf(entity)!.fields, exampleInput(createOf(entity)!)), source: S });

/** Successful creates of this external ID that reached COR. */
const created = (entity: EntitySpec, id: string) =>
  local.sandbox.control.requests.filter(
    (r) => r.method === 'POST' && r.path === createOf(entity)!.path && r.status < 300 && (r.body as { id?: string }).id === id,
  ).length;

describe.each(ordered.map((e) => [e.noun, e] as const))('%s', (noun, entity) => {
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
    it(`"Create ${noun}" run once (it has no update in COR)`, async () => {
      await runner.run(operationKey(entity, createOf(entity)!), inputFor(entity));
    });
  }

  it(`"Create ${noun}" replayed: says the ${noun.toLowerCase()} exists and what to use instead`, async () => {
    const input = inputFor(entity);
    const error = await failure(runner.run(operationKey(entity, createOf(entity)!), input));
    expect(error.code).toMatch(/^(DuplicateExternalIdError|ZC004)$/);
    expect(error.message).toContain(`A ${noun.toLowerCase()} with external ID "${String(input.id)}" already exists in COR for source ${S}, so nothing was created.`);
    expect(error.message).toContain(canUpdate ? `"Create or Update ${noun}"` : `COR cannot update a ${noun.toLowerCase()} through this integration`);
    expect(created(entity, String(input.id))).toBe(1);
  });
});

it('covers every entity that has an external ID, and every "Create or Update"', () => {
  expect(ordered.map((e) => e.noun).sort()).toEqual(withId.map((e) => e.noun).sort());
  expect(ordered.filter((e) => e.operations.some((op) => op.kind === 'update')).map(upsertKey).sort()).toEqual(
    entities.flatMap((e) => (createOf(e) && e.operations.some((op) => op.kind === 'update') ? [upsertKey(e)] : [])).sort(),
  );
});
