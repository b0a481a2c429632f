/** What the Zap builder sees: names, descriptions, fields, help text, samples, output labels. */
import { entities } from '../creates/index.js';
import { exampleInput } from '../src/model/actions.js';
import { operationKey } from '../src/model/entity.js';
import { schemaFor } from '../src/model/executor.js';
import { toZapierField } from '../src/model/fields.js';
import { parseInput } from '../src/model/schema.js';
import { App } from './support/harness.js';

type Field = { key: string; label?: string; helpText?: string; required?: boolean; default?: string; choices?: Record<string, string>; type?: string };
const creates = App.creates as unknown as Record<
  string,
  {
    key: string;
    noun: string;
    display: { label: string; description: string };
    operation: { inputFields: Field[]; sample: Record<string, unknown>; outputFields: { key: string; label: string; type?: string }[] };
  }
>;
/** The actions on records picked in COR (main API): no source system. */
const MAIN_KEYS = new Set(entities.filter((e) => e.api === 'main').flatMap((e) => e.operations.map((op) => operationKey(e, op))));
const field = (action: string, key: string) => creates[action]!.operation.inputFields.find((f) => f.key === key)!;

describe('app definition', () => {
  it('has Zapier-style names for the slice', () => {
    expect(Object.values(creates).map((c) => c.display.label)).toEqual(
      expect.arrayContaining([
        'Create Project by External ID',
        'Update Project by External ID',
        'Delete Project by External ID',
        'Create Leave by External ID',
        'Update Leave by External ID',
        'Delete Leave by External ID',
      ]),
    );
  });

  it("puts the Source System dropdown first on every action by external ID (after a delete's warning): 12 sources, default Zapier", () => {
    for (const key of Object.keys(creates).filter((k) => !MAIN_KEYS.has(k))) {
      const create = creates[key]!;
      const source = create.operation.inputFields.find((f) => f.type !== 'copy')!;
      expect(source.key).toBe('source');
      expect(source.required).toBe(true);
      expect(source.default).toBe('ZAPIER');
      expect(Object.keys(source.choices!)).toEqual(['ZAPIER', 'SALESFORCE', 'JIRA', 'QUICKBOOKS', 'MICROSOFT_DYNAMICS', 'MICROSOFT_TEAMS', 'GITHUB', 'OKTA', 'SAP', 'ADVERTMIND', 'VBS', 'GLOBANT']);
      expect(source.helpText).toContain('must be the source that was used when the records were created');
    }
  });

  it('asks no Source System on the 14 actions by COR ID, whose records are picked in COR', () => {
    expect(MAIN_KEYS.size).toBe(14);
    for (const key of MAIN_KEYS) expect(creates[key]!.operation.inputFields.map((f) => f.key)).not.toContain('source');
  });

  it('says on every reference field that it is an external ID created from the same source', () => {
    const references = entities
      .flatMap((e) => e.operations.flatMap((op) => [...op.fields, ...op.fields.flatMap((f) => f.children ?? [])]))
      .filter((f) => f.references)
      .map(toZapierField);
    expect(references.length).toBeGreaterThan(20);
    for (const f of references) expect((f as { helpText: string }).helpText).toMatch(/\*\*external ID\*\*.*\*\*Create [A-Z][\w ]+\*\*.*same Source System/);
    expect(field('create_leave_by_external_id', 'leaveTypeId').helpText).toContain('**Create Leave Type by External ID**');
  });

  it('gives formats and choices in help text, and Zapier types to the fields', () => {
    expect(field('create_project_by_external_id', 'start')).toMatchObject({ type: 'datetime' });
    expect(field('create_project_by_external_id', 'start').helpText).toContain('YYYY-MM-DD');
    expect(field('create_project_by_external_id', 'billable')).toMatchObject({ type: 'boolean' });
    expect(field('create_project_by_external_id', 'estimated_time')).toMatchObject({ type: 'number' });
    expect(Object.keys(field('create_project_by_external_id', 'income_type').choices!)).toEqual(['fee', 'one_time', 'hourly_rate', 'contract']);
    expect(field('create_project_by_external_id', 'income_type').helpText).toContain('One of: Fee (`fee`), One Time (`one_time`), Hourly Rate (`hourly_rate`), Contract (`contract`).');
    expect(field('create_leave_by_external_id', 'start').helpText).toContain('ISO 8601');
  });

  it('requires on create what COR requires, and nothing but the ID on update', () => {
    const required = (action: string) => creates[action]!.operation.inputFields.filter((f) => f.required).map((f) => f.key);
    expect(required('create_project_by_external_id')).toEqual(['source', 'id', 'name']);
    expect(required('update_project_by_external_id')).toEqual(['source', 'id']);
    expect(required('delete_project_by_external_id')).toEqual(['source', 'id']);
    expect(required('create_leave_by_external_id')).toEqual(['source', 'id', 'userId', 'leaveTypeId', 'start', 'end', 'allDay']);
    expect(required('update_leave_by_external_id')).toEqual(['source', 'id', 'userId', 'leaveTypeId', 'start', 'end', 'allDay']);
    expect(required('delete_leave_by_external_id')).toEqual(['source', 'id', 'userId']);
  });

  it('describes each action in one or two sentences that start with what it does', () => {
    for (const create of Object.values(creates)) {
      const description = create.display.description;
      expect(description).toMatch(/^(Creates|Updates|Deletes|Replaces|Renames|Adds|Removes|Attaches|Assigns|Gives|Posts|Logs|Sets|Sends|Uploads) .*\.$/);
      expect(description.split(/(?<=\.) (?=[A-Z])/).length).toBeLessThanOrEqual(2);
    }
    expect(creates.update_project_by_external_id!.display.description.startsWith('Updates a project')).toBe(true);
    expect(creates.delete_project_by_external_id!.display.description).toContain('tasks or time entries');
  });

  it('takes every example input through its schema unchanged, so samples are built from valid input', async () => {
    for (const op of entities.flatMap((e) => e.operations)) {
      const example = exampleInput(op);
      // JSON text (API Request's body) is sent parsed.
      for (const f of op.fields.filter((field) => field.type === 'json')) example[f.key] = JSON.parse(String(example[f.key]));
      expect(parseInput(await schemaFor(op), exampleInput(op))).toEqual(example);
    }
  });

  it('derives realistic samples from the documented responses, in the output shape', () => {
    expect(creates.create_project_by_external_id!.operation.sample).toMatchObject({ cor_id: 155693, external_id: 'SF-OPP-12345', name: 'Website Redesign', client_id: 25855 });
    expect(creates.create_leave_by_external_id!.operation.sample).toMatchObject({ cor_id: 12345, external_id: 'external-id-3', status: 'pending' });
    expect(creates.delete_project_by_external_id!.operation.sample).toEqual({ cor_id: 155693, external_id: 'SF-OPP-12345', deleted: true, message: 'Project deleted successfully' });
  });

  it('declares the output fields Zapier would label otherwise, naming COR IDs of referenced entities as such', () => {
    const zapierLabel = (key: string) => key.replace(/_/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase());
    for (const create of Object.values(creates)) {
      const scalarSampleKeys = Object.entries(create.operation.sample)
        .filter(([, v]) => v === null || typeof v !== 'object')
        .map(([k]) => k);
      for (const f of create.operation.outputFields) {
        expect(scalarSampleKeys).toContain(f.key);
        // A file is declared whatever its label: Zapier must know it is one.
        if (f.type !== 'file') expect(f.label).not.toBe(zapierLabel(f.key));
      }
    }
    const labels = Object.fromEntries(creates.create_project_by_external_id!.operation.outputFields.map((f) => [f.key, f.label]));
    expect(labels).toMatchObject({ cor_id: 'Project COR ID', external_id: 'Project External ID', client_id: 'Client COR ID', pm_id: 'Project Manager COR ID' });
    expect(labels).not.toHaveProperty('created_at');
  });
});
