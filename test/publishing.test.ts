/**
 * Zapier's publishing rules, applied offline to the app (publishing/): every rule passes, or an
 * exception argued in docs/publishing.md covers it. Each rule is also shown to fail on a
 * definition broken the way it forbids, so a rule that can no longer fail is caught here.
 */
import { readFileSync } from 'node:fs';
import { corContext, publishingReport, summaryOf } from '../publishing/check.js';
import { EXCEPTIONS } from '../publishing/exceptions.js';
import { RULES } from '../publishing/rules.js';
import { titlecase } from '../publishing/titlecase.js';
import { App } from './support/harness.js';

// biome-ignore lint/suspicious/noExplicitAny: each case edits one corner of an untyped copy of the definition.
type Definition = any;
/** The definition as Zapier's server reads it (functions left out), with a string connection label. */
const clone = (): Definition => ({ ...JSON.parse(JSON.stringify(App)), authentication: { ...JSON.parse(JSON.stringify(App.authentication)), test: {}, connectionLabel: '{{email}}' } });
const failing = (definition: Definition) => publishingReport(definition).failures.map((f) => f.code);

describe('publishing rules', () => {
  it('the app passes every rule, apart from the argued exceptions', () => {
    expect(publishingReport(App).failures).toEqual([]);
  });

  it('argues each exception in docs/publishing.md, and every exception covers something', () => {
    const doc = readFileSync(new URL('../docs/publishing.md', import.meta.url), 'utf8');
    const excepted = publishingReport(App).excepted;
    for (const exception of EXCEPTIONS) {
      expect(doc).toContain(`## ${exception.id}`);
      expect(excepted.get(exception)!.length).toBeGreaterThan(0);
    }
  });

  it('counts per rule what fails and what an exception covers', () => {
    const rows = summaryOf(publishingReport(App));
    expect(rows.map((r) => r.code)).toEqual(RULES.map((r) => r.code));
    expect(rows.reduce((n, r) => n + r.failing, 0)).toBe(0);
    // Every Create or Update and every Delete action is an argued exception, one finding each.
    const creates = Object.keys(App.creates);
    expect(rows.find((r) => r.code === 'Guidelines create or update')!.excepted).toBe(creates.filter((k) => k.startsWith('create_or_update_')).length);
    expect(rows.find((r) => r.code === 'Guidelines delete')!.excepted).toBe(creates.filter((k) => k.startsWith('delete_')).length);
  });

  // Python titlecase's own examples, and the labels that once failed here.
  it.each([
    ['Detach Users from Contract', 'Detach Users From Contract'],
    ['Create Or Update Contact', 'Create or Update Contact'],
    ['Find User (by Email)', 'Find User (By Email)'],
    ['a-b end-to-end two-not-three/three-by-four/five-and', 'A-B End-to-End Two-Not-Three/Three-by-Four/Five-And'],
    ['THIS IS ALL CAPS AND SHOULD BE ADDRESSED', 'This Is All Caps and Should Be Addressed'],
    ['Starting Sub-Phrase With a Small Word: a Trick, Perhaps?', 'Starting Sub-Phrase With a Small Word: A Trick, Perhaps?'],
    ['mccay-mcbut-mcdo mcdonalds/mcby', 'McCay-McBut-McDo McDonalds/McBy'],
    ['Words with all consonants like cnn are acronyms', 'Words With All Consonants Like CNN Are Acronyms'],
  ])('titlecase(%j) is %j', (input, output) => {
    expect(titlecase(input)).toBe(output);
  });

  // One way to break each rule: the rule must then fail, and only where it was broken.
  const breakages: [string, (d: Definition) => void][] = [
    ['D001', (d) => d.creates.create_client_by_external_id.operation.inputFields.push({ key: 'api_token', label: 'API Token' })],
    ['D002', (d) => (d.authentication.fields[0].helpText = 'Find it in your settings.')],
    ['D003', (d) => (d.authentication.connectionLabel = '{{api_key}}')],
    ['D004', (d) => d.creates.create_client_by_external_id.operation.inputFields.push({ key: 'owner_id', label: 'Owner ID' })],
    ['D005', (d) => (d.triggers.new_project.operation.inputFields[0].dynamic = 'list_nothing.id.name')],
    ['D006', (d) => Object.assign(d.triggers.new_user.operation, { type: 'hook', performSubscribe: {}, performUnsubscribe: {} })],
    ['D007', (d) => (d.creates.create_client_by_external_id.display.description = 'Creates a client. See [the docs](http://example.com).')],
    ['D008', (d) => (d.creates.create_client_by_external_id.display.description = 'Creates a client. See https://example.com.')],
    ['D009', (d) => (d.searches.find_client.operation.inputFields = [])],
    ['D010', (d) => delete d.triggers.new_client.operation.sample.id],
    ['D011', (d) => (d.creates.create_client_by_external_id.operation.inputFields[2].helpText = d.creates.create_client_by_external_id.operation.inputFields[2].label)],
    ['D012', (d) => delete d.searches.find_task.operation.sample],
    ['D013', (d) => (d.creates.create_client_by_external_id.operation.inputFields[1].search = 'find_nothing.id')],
    ['D014', (d) => (d.creates.create_client_by_external_id.operation.inputFields[2].search = 'find_client.id')],
    ['D015', (d) => (d.searchOrCreates.find_project.create = 'create_nothing')],
    [
      'D016',
      (d) => Object.assign(d, { creates: {}, searches: {}, searchOrCreates: {}, triggers: { new_user: { ...d.triggers.new_user, operation: { ...d.triggers.new_user.operation, type: 'hook' } } } }),
    ],
    ['D017', (d) => Object.assign(d.triggers.new_user.operation, { type: 'hook', performList: {} })],
    ['D018', (d) => (d.creates.create_client_by_external_id.display.label = 'Create client')],
    ['D021', (d) => (d.triggers.new_user.display.description = 'Fires on a new user.')],
    ['D022', (d) => (d.creates.create_client_by_external_id.operation.inputFields = [])],
    ['D023', (d) => (d.triggers.new_project.operation.sample.created_at = '2025-01-10 14:30:00')],
    ['D024', (d) => (d.triggers.new_project.operation.sample.cor_id = '155693')],
    ['D025', (d) => (d.creates.create_client_by_external_id.display.description = 'Creates a client. See [this](javascript:alert(1)).')],
    ['D026', (d) => d.authentication.fields.push({ key: 'subdomain', label: 'Subdomain' })],
    ['D027', (d) => (d.platformVersion = '15.0.0')],
    ['D028', (d) => delete d.flags],
    ['ZDE008', (d) => delete d.authentication.test],
    ['ZDW001', (d) => (d.creates.create_client_by_external_id.noun = '')],
    ['4.3', (d) => (d.creates.create_client_by_external_id.display.description = 'Creates a client with key sk_live_abcdefghijklmnop.')],
    ['5.4', (d) => (d.creates.create_client_by_external_id.display.description = 'Creates a client. See [the docs](https://staging.projectcor.com/docs).')],
    ['5.7', (d) => (d.creates.create_client_by_external_id.display.description = 'Crea un cliente con tu propio código.')],
    ['5.8 description', (d) => (d.creates.create_client_by_external_id.display.description = 'Creates a client. It has an ID. It has a name.')],
    ['5.8 verb', (d) => (d.creates.create_client_by_external_id.display.description = 'Create a client with your own ID for it.')],
    ['5.8 app name', (d) => (d.creates.create_client_by_external_id.display.description = 'Creates a client in COR.')],
    ['5.8 noun', (d) => (d.creates.create_client_by_external_id.display.description = 'Creates a Client with your own ID for it.')],
    ['5.8 key', (d) => (d.creates.create_client_by_external_id.display.label = 'Add Client')],
    ['5.8 find', (d) => (d.searches.find_client.display.label = 'Get Client')],
    ['5.8 order', (d) => (d.creates.create_client_by_external_id.operation.inputFields[1].required = false)],
    ['5.8 lists', (d) => (d.creates.create_client_by_external_id.operation.inputFields[2].helpText = 'Names, comma-separated.')],
    ['5.8 help', (d) => (d.creates.create_client_by_external_id.operation.inputFields[4].helpText = 'An e-mail address.')],
    ['Guidelines create or update', (d) => (d.creates.create_client_by_external_id.display.label = 'Create or Update Client')],
    [
      'Guidelines delete',
      (d) => (d.creates.remove_client = { ...d.creates.delete_client_by_external_id, key: 'remove_client', display: { ...d.creates.delete_client_by_external_id.display, label: 'Remove Client' } }),
    ],
    ['Guidelines delete copy', (d) => d.creates.delete_client_by_external_id.operation.inputFields.shift()],
    ['Guidelines updated trigger', (d) => (d.triggers.new_user.display.label = 'Updated Client')],
    ['Guidelines sample', (d) => (d.searches.find_client.operation.sample.name = 'string')],
  ];

  it('breaks every rule once in the list below', () => {
    expect(new Set(breakages.map(([code]) => code))).toEqual(new Set([...RULES.map((r) => r.code), 'Guidelines delete copy']));
  });

  it.each(breakages)('%s fails on a definition that breaks it', (code, breakIt) => {
    const definition = clone();
    expect(failing(definition)).toEqual([]);
    breakIt(definition);
    expect(failing(definition)).toContain(code);
  });

  it('reads the installed core as the platform version', () => {
    expect(App.platformVersion).toBe(corContext().installedCore);
  });
});
