// Regenerates the action catalog in README.md from the compiled app (run: npm run catalog).
import { readFileSync, writeFileSync } from 'node:fs';
import App from '../dist/index.js';
import { entities } from '../dist/creates/index.js';
import { catalogMarkdown, withCatalog } from '../dist/src/catalog.js';
import { searchSpecs } from '../dist/searches/index.js';
import { triggerSpecs } from '../dist/triggers/index.js';

const readmePath = new URL('../README.md', import.meta.url);
const before = readFileSync(readmePath, 'utf8');
const after = withCatalog(before, catalogMarkdown(App, entities, { triggers: triggerSpecs, searches: searchSpecs }));
writeFileSync(readmePath, after);
console.log(before === after ? 'README catalog already current.' : 'README catalog updated.');
