/**
 * Help texts say what the label does not. A help of only the label's words (and the entity's noun,
 * and filler) is noise in the Zap editor: "Name — The client name shown in COR." Such a help is
 * rewritten to say something (format, what COR does with the value, where to find it, what empty
 * means) or dropped. The check reads the help each field description gives (src/model/entity.ts
 * FieldSpec.help), not the format, choice and reference notes fields.ts appends to it.
 */
import { entities } from '../creates/index.js';
import { upsertKey } from '../src/model/actions.js';
import { type FieldSpec, operationKey } from '../src/model/entity.js';
import { toZapierField } from '../src/model/fields.js';
import { searchSpecs } from '../searches/index.js';
import { searchInputs, searchKey } from '../src/reading/search.js';
import { triggerKey } from '../src/reading/triggers.js';
import { triggerSpecs } from '../triggers/index.js';
import { App } from './support/harness.js';

/** Words that say nothing by themselves: articles, prepositions, pronouns, question words, auxiliaries, "COR … shown", "belongs to". */
const STOP = new Set(
  [
    'the a an of in on at by for to from with into up and or',
    'is are be was were been being has have do does can will',
    'it its this that these those as your you their they them',
    'when what which who whose where whether how',
    'cor shown show shows called about belong belongs',
  ]
    .join(' ')
    .split(' '),
);

/** Lower-cased words without punctuation or a possessive, a trailing "s" cut off (users → user, starts → start). */
const stems = (text: string): string[] =>
  text
    .toLowerCase()
    .replace(/['’]s\b/g, '')
    .split(/[^a-z0-9]+/)
    .filter((w) => w && !STOP.has(w))
    .map((w) => (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w));

/** True when every word of the help is already in the label or the noun: the help adds nothing. An empty help adds nothing to show, and is fine. */
const restates = (help: string | undefined, label: string, noun: string): boolean => {
  const known = new Set([...stems(label), ...stems(noun)]);
  const words = stems(help ?? '');
  return words.length > 0 && words.every((w) => known.has(w));
};

type ZapierField = { key: string; label?: string; type?: string; helpText?: string; children?: ZapierField[] };
type Step = { noun: string; display: { label: string; hidden?: boolean }; operation: { inputFields?: ZapierField[] } };

/** Every step's field descriptions, by the step's key: the help as written, before fields.ts appends its notes. */
const described = new Map<string, FieldSpec[]>();
for (const entity of entities) {
  for (const op of entity.operations) described.set(`creates.${operationKey(entity, op)}`, [...op.fields]);
  const create = entity.operations.find((op) => op.kind === 'create');
  if (create && entity.api !== 'main' && entity.operations.some((op) => op.kind === 'update')) described.set(`creates.${upsertKey(entity)}`, [...create.fields]);
}
for (const spec of triggerSpecs) described.set(`triggers.${triggerKey(spec)}`, spec.inputs ?? []);
for (const spec of searchSpecs) described.set(`searches.${searchKey(spec)}`, searchInputs(spec));

const visibleSteps = (['creates', 'triggers', 'searches'] as const).flatMap((group) =>
  Object.entries(App[group] as unknown as Record<string, Step>)
    .filter(([, step]) => !step.display.hidden)
    .map(([key, step]) => ({ where: `${group}.${key}`, step })),
);

/** `step › field: help` for every field (line-item columns too) whose help restates its label. */
const restating = (): string[] =>
  visibleSteps.flatMap(({ where, step }) => {
    const check = (f: FieldSpec, at: string): string[] => [
      ...(restates(f.help, f.label, step.noun) ? [`${at} › ${f.label}: ${f.help}`] : []),
      ...(f.children ?? []).flatMap((c) => check(c, `${at} › ${f.label}`)),
    ];
    return (described.get(where) ?? []).flatMap((f) => check(f, step.display.label));
  });

describe('help texts', () => {
  it('catches a help that only restates its label, and lets one that adds something through', () => {
    expect(restates('The client name shown in COR.', 'Name', 'Client')).toBe(true);
    expect(restates("The user's last name.", 'Last Name', 'User')).toBe(true);
    expect(restates('When the project starts.', 'Start Date', 'Project')).toBe(true);
    expect(restates('The users, one per entry.', 'User External IDs', 'Team')).toBe(false);
    expect(restates('Leave empty for all.', 'Project', 'Task')).toBe(false);
    expect(restates('', 'Phone', 'Client')).toBe(false);
  });

  it('reads the description of every input field of every visible step', () => {
    const keys = (fields: readonly { key: string; type?: string; children?: readonly unknown[] }[]): string[] =>
      fields.filter((f) => f.type !== 'copy').flatMap((f) => [f.key, ...keys((f.children ?? []) as typeof fields).map((k) => `${f.key}.${k}`)]);
    expect(visibleSteps.length).toBeGreaterThan(60);
    for (const { where, step } of visibleSteps) expect([where, keys(described.get(where) ?? [])]).toEqual([where, keys(step.operation.inputFields ?? [])]);
  });

  it('says, on every input field, something its label does not (or says nothing)', () => {
    const found = restating();
    expect(`${found.length} help texts restate their label:\n${found.join('\n')}`).toBe('0 help texts restate their label:\n');
  });

  it('gives Zapier no help text of only white space, on a field or a line-item column', () => {
    const blank = (fields: ZapierField[]): ZapierField[] => fields.flatMap((f) => [...(f.helpText !== undefined && f.helpText.trim() === '' ? [f] : []), ...blank(f.children ?? [])]);
    for (const { where, step } of visibleSteps) expect([where, blank(step.operation.inputFields ?? []).map((f) => f.key)]).toEqual([where, []]);
    const empty: FieldSpec = { key: 'rows', label: 'Rows', type: 'string', help: '  ', example: null, children: [{ key: 'cell', label: 'Cell', type: 'string', help: ' ', example: 'x' }] };
    expect(blank([toZapierField(empty) as unknown as ZapierField])).toEqual([]);
    expect(toZapierField({ ...empty, children: undefined })).not.toHaveProperty('helpText');
  });
});
