/**
 * Entity descriptions → Zapier creates. Names, descriptions, input fields, samples and
 * output fields are derived here, so every action of every entity looks and behaves alike.
 */
import { defineCreate, type Bundle, type PlainInputField, type ZObject } from 'zapier-platform-core';
import { documentedAnswer, type EntitySpec, keyOf, labelMark, type OperationSpec, operationKey, operationLabel } from './entity.js';
import { fieldsNotUpdated, normalizeOutput, runOperation, runUpsert } from './executor.js';
import { toZapierField } from './fields.js';
import { declared, outputFieldsOf } from '../records/outputs.js';
import { redactOutput } from '../request/redact.js';

const listNouns = (nouns: string[]): string => (nouns.length <= 1 ? (nouns[0] ?? '') : `${nouns.slice(0, -1).join(', ')} and ${nouns[nouns.length - 1]}`);

// "a user", "an order": a leading u said "you" takes "a".
const withArticle = (noun: string): string => `${/^([aeio]|u(?!s|ni))/i.test(noun) ? 'an' : 'a'} ${noun.toLowerCase()}`;

/** What an operation of each kind does, where its description says nothing else. */
const SUMMARY: Record<Exclude<OperationSpec['kind'], 'action'>, (noun: string) => string> = {
  create: (noun) => `Creates ${withArticle(noun)} with your own ID for it.`,
  update: (noun) => `Updates ${withArticle(noun)} found by your ID; only the fields you fill in change.`,
  delete: (noun) => `Deletes ${withArticle(noun)} found by your ID for it.`,
};

/** The action's description: what it does, in one or two sentences ("Creates …", "Updates …"). */
export const describeOperation = (entity: EntitySpec, op: OperationSpec): string => {
  const summary = op.summary ?? (op.kind === 'action' || op.api === 'main' ? undefined : SUMMARY[op.kind](entity.noun));
  if (!summary) throw new Error(`${operationKey(entity, op)} needs a summary: actions have no default one.`);
  return [summary, op.note].filter(Boolean).join(' ');
};

/** Example input built from the field descriptions (for samples and docs). */
export const exampleInput = (op: OperationSpec): Record<string, unknown> => {
  const input: Record<string, unknown> = {};
  // Of fields that exclude each other (a stop or a duration), the first.
  const left = new Set((op.oneOf ?? []).flatMap((group) => group.slice(1)));
  for (const f of op.fields.filter((field) => !left.has(field.key))) {
    input[f.key] = f.children ? [Object.fromEntries(f.children.map((c) => [c.key, c.example]))] : f.example;
  }
  return input;
};

/** The documented response, as the action would output it for the example input. */
export const sampleFor = (op: OperationSpec): Record<string, unknown> => (op.toRequest ? { status: 200, body: op.response } : normalizeOutput(op, exampleInput(op), documentedAnswer(op)));

const humanize = (key: string): string =>
  key
    .replace(/_/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/\b(id|cor|url)\b/gi, (w) => w.toUpperCase())
    .replace(/\b\w/g, (c) => c.toUpperCase());

const outputType = (value: unknown): 'string' | 'number' | 'boolean' | 'integer' | undefined =>
  typeof value === 'number' ? (Number.isInteger(value) ? 'integer' : 'number') : typeof value === 'boolean' ? 'boolean' : typeof value === 'string' ? 'string' : undefined;

/** Output fields with labels, from the sample: input labels where COR echoes an input. */
export const outputFieldsFor = (entity: EntitySpec, op: OperationSpec, sample: Record<string, unknown>) =>
  op.outputs
    ? outputFieldsOf(op.outputs)
    : declared(
        Object.entries(sample).flatMap(([key, value]) => {
          if (Array.isArray(value) || (value !== null && typeof value === 'object')) return [];
          const spec = op.fields.find((f) => f.key === key);
          let label: string;
          if (key === 'cor_id') label = `${entity.noun} COR ID`;
          else if (key === 'action_taken') label = 'Created or Updated';
          else if (key === 'not_updated_fields') label = 'Fields Not Updated';
          else if (key === 'external_id') label = `${entity.noun} External ID`;
          // COR answers with its own ID where the input was an external one.
          else if (spec?.references && typeof value === 'number') label = spec.label.replace(/External ID$/, 'COR ID');
          // A record picked by COR ID is output as its COR ID.
          else if (spec?.dynamic) label = `${spec.label} COR ID`;
          else label = spec?.label ?? humanize(key);
          const type = outputType(value);
          return [type ? { key, label, type } : { key, label }];
        }),
      );

/** Zapier's guidelines: a delete action says, before it runs, that it cannot be undone. */
const irreversible = (noun: string) =>
  ({ key: 'irreversible', type: 'copy', helpText: `**This cannot be undone.** The ${noun.toLowerCase()} is deleted in COR, and no step can bring it back.` }) as PlainInputField;

/** One Zapier create for one operation of an entity. */
export const operationAction = (entity: EntitySpec, op: OperationSpec) => {
  const perform = async (z: ZObject, bundle: Bundle) => redactOutput(await runOperation(z, bundle, entity, op), bundle);
  const sample = sampleFor(op);
  return defineCreate({
    key: operationKey(entity, op),
    noun: entity.noun,
    display: { label: operationLabel(entity, op), description: describeOperation(entity, op) },
    operation: {
      inputFields: [...(op.kind === 'delete' ? [irreversible(entity.noun)] : []), ...op.fields.map(toZapierField)],
      perform,
      sample,
      outputFields: outputFieldsFor(entity, op, sample),
    },
  });
};

export type CorCreate = ReturnType<typeof operationAction>;

const upsertLabel = (entity: EntitySpec): string => `Create or Update ${entity.noun}${labelMark(entity)}`;
export const upsertKey = (entity: EntitySpec): string => keyOf(upsertLabel(entity));

/** "Create or Update <Noun>", for an entity with both a create and an update. */
export const upsertAction = (entity: EntitySpec, create: OperationSpec, update: OperationSpec) => {
  const perform = async (z: ZObject, bundle: Bundle) => redactOutput(await runUpsert(z, bundle, entity, create, update), bundle);
  const notUpdated = fieldsNotUpdated(create, update)
    .filter((key) => key !== 'id')
    .map((key) => create.fields.find((f) => f.key === key)!.label);
  const parts = [`Creates ${withArticle(entity.noun)}, or updates the one with your ID for it.`];
  if (notUpdated.length) parts.push(`An update keeps ${listNouns(notUpdated)}.`);
  const sample = { ...sampleFor(create), action_taken: 'created', not_updated_fields: '' };
  return defineCreate({
    key: upsertKey(entity),
    noun: entity.noun,
    display: { label: upsertLabel(entity), description: parts.join(' ') },
    operation: { inputFields: create.fields.map(toZapierField), perform, sample, outputFields: outputFieldsFor(entity, create, sample) },
  });
};

/** All creates of one entity, keyed as Zapier expects: one per operation, plus the upsert. */
export const entityActions = (entity: EntitySpec): Record<string, CorCreate> => {
  const actions: Record<string, CorCreate> = Object.fromEntries(entity.operations.map((op) => [operationKey(entity, op), operationAction(entity, op)]));
  const create = entity.operations.find((op) => op.kind === 'create');
  const update = entity.operations.find((op) => op.kind === 'update');
  if (create && update && entity.api !== 'main') actions[upsertKey(entity)] = upsertAction(entity, create, update) as CorCreate;
  return actions;
};
