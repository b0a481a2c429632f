import { readFileSync } from 'node:fs';
import { entities } from '../creates/index.js';
import { catalogMarkdown, CATALOG_END, CATALOG_START } from '../src/catalog.js';
import { searchSpecs } from '../searches/index.js';
import { triggerSpecs } from '../triggers/index.js';
import { App } from './support/harness.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README catalog', () => {
  it('is current (run `npm run catalog` after changing an action)', () => {
    const section = readme.slice(readme.indexOf(CATALOG_START), readme.indexOf(CATALOG_END) + CATALOG_END.length);
    expect(section).toBe(catalogMarkdown(App, entities, { triggers: triggerSpecs, searches: searchSpecs }));
  });

  it('lists every action of the app, and marks the inferred endpoints', () => {
    for (const create of Object.values(App.creates)) expect(readme).toContain(`| ${create.display.label} |`);
    expect(readme).toContain('| Create Leave Type |');
    expect(readme).toMatch(/\| Update Position \|.*⚠️ unverified/);
    for (const trigger of triggerSpecs) expect(readme).toContain(`| ${trigger.label} |`);
    for (const search of searchSpecs) expect(readme).toContain(`| Find ${search.noun} |`);
  });
});
