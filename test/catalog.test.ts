import { readFileSync } from 'node:fs';
import { entities } from '../creates/index.js';
import { catalogMarkdown } from '../src/catalog.js';
import { searchSpecs } from '../searches/index.js';
import { triggerSpecs } from '../triggers/index.js';
import { App } from './support/harness.js';

const catalog = readFileSync(new URL('../docs/actions.md', import.meta.url), 'utf8');

describe('docs/actions.md', () => {
  it('is current (run `npm run catalog` after changing an action)', () => {
    expect(catalog).toBe(catalogMarkdown(App, entities, { triggers: triggerSpecs, searches: searchSpecs }));
  });

  it('lists every action, trigger and search of the app, and marks the inferred endpoints', () => {
    for (const create of Object.values(App.creates)) expect(catalog).toContain(`| ${create.display.label} |`);
    expect(catalog.match(/⚠️ unverified/g)).toHaveLength(entities.flatMap((e) => e.operations).filter((op) => op.unverified).length);
    for (const trigger of triggerSpecs) expect(catalog).toContain(`| ${trigger.label} |`);
    for (const search of searchSpecs) expect(catalog).toContain(`| Find ${search.noun} |`);
  });
});
