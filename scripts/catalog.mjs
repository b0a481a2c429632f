// Regenerates docs/actions.md from the compiled app (run: npm run catalog).
import { readFileSync, writeFileSync } from 'node:fs';
import App from '../.tools/index.js';
import { entities } from '../.tools/creates/index.js';
import { catalogMarkdown } from '../.tools/src/catalog.js';
import { searchSpecs } from '../.tools/searches/index.js';
import { triggerSpecs } from '../.tools/triggers/index.js';

const path = new URL('../docs/actions.md', import.meta.url);
const before = (() => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
})();
const after = catalogMarkdown(App, entities, { triggers: triggerSpecs, searches: searchSpecs });
writeFileSync(path, after);
console.log(before === after ? 'docs/actions.md already current.' : 'docs/actions.md updated.');
