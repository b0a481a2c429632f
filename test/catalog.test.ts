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

  // Facts, not the generator compared with itself: each endpoint the page names is a real method and path.
  const endpoints = [...catalog.matchAll(/`(GET|POST|PUT|DELETE) ([^`]*)`/g)].map((m) => ({ method: m[1]!, path: m[2]! }));
  const documented = Object.entries(JSON.parse(readFileSync(new URL('../sandbox/openapi/cor-main-api-v1.openapi.json', import.meta.url), 'utf8')).paths as Record<string, object>).flatMap(
    ([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} /v1${path}`),
  );

  it('names every endpoint as a method and a path, never an object', () => {
    expect(catalog).not.toContain('[object');
    expect(endpoints.length).toBeGreaterThan(Object.keys(App.creates).length);
    for (const { method, path } of endpoints) expect(`${method} ${path}`).toMatch(/^(GET|POST|PUT|DELETE) \/v[12]\/[A-Za-z0-9_\-/{}]+$/);
  });

  it("names only main-API endpoints that COR's OpenAPI document has", () => {
    const main = endpoints.filter((e) => e.path.startsWith('/v1/'));
    expect(main.length).toBeGreaterThan(20);
    // The document's parameter names are its own ({id} where the app says {task_id}): compare the shapes.
    const shape = (endpoint: string) => endpoint.replace(/\{[^}]+\}/g, '{}');
    const shapes = new Set(documented.map(shape));
    for (const { method, path } of main) expect(shapes).toContain(shape(`${method} ${path}`));
  });
});
