/**
 * The documented example inputs of every operation, linked so that they run against the sandbox
 * in order: each external ID a field names is the example record of the entity it refers to,
 * and entities come after everything they name. Used by the replay suite and the benchmark.
 */
import { entities } from '../creates/index.js';
import { exampleInput } from '../src/model/actions.js';
import type { EntitySpec, FieldSpec, OperationSpec } from '../src/model/entity.js';

export const createOf = (entity: EntitySpec): OperationSpec | undefined => entity.operations.find((op) => op.kind === 'create');

/** Entities kept by external ID (the Integrations API), by noun. */
const byNoun = new Map(entities.filter((e) => e.api !== 'main' && createOf(e)).map((e) => [e.noun, e]));

/** The external ID of an entity's example record ('' for entities without one, such as currency exchanges). */
export const exampleId = (noun: string): string | undefined => {
  const entity = byNoun.get(noun);
  return entity ? String(exampleInput(createOf(entity)!).id ?? '') : undefined;
};

const referencesOf = (fields: readonly FieldSpec[]): string[] => fields.flatMap((f) => [...(f.references ? [f.references] : []), ...referencesOf(f.children ?? [])]);

/** Entities with a create, each after every entity its create names by external ID. */
export const entitiesInOrder: EntitySpec[] = [];
const visit = (entity: EntitySpec) => {
  if (entitiesInOrder.includes(entity)) return;
  for (const noun of referencesOf(createOf(entity)!.fields)) if (noun !== entity.noun && byNoun.has(noun)) visit(byNoun.get(noun)!);
  entitiesInOrder.push(entity);
};
byNoun.forEach(visit);

const linked = (fields: readonly FieldSpec[], input: Record<string, unknown>): Record<string, unknown> => {
  const out = { ...input };
  for (const f of fields) {
    const id = f.references ? exampleId(f.references) : undefined;
    if (id) out[f.key] = f.list ? [id] : id;
    if (f.children) out[f.key] = (input[f.key] as Record<string, unknown>[]).map((row) => linked(f.children!, row));
  }
  return out;
};

/** The operation's example input for `source`, about the entity's example record, its references linked. */
export const linkedExample = (entity: EntitySpec, op: OperationSpec, source: string): Record<string, unknown> => {
  const input: Record<string, unknown> = { ...linked(op.fields, exampleInput(op)), source };
  const id = exampleId(entity.noun);
  if (id && op.fields.some((f) => f.key === 'id' && !f.references)) input.id = id;
  return input;
};
