/** The COR app for Zapier: authentication, the shared request middleware, and every action. */
import { existsSync, readFileSync } from 'node:fs';
import zapier, { defineApp } from 'zapier-platform-core';
import { entities } from './creates/index.js';
import { entityActions } from './src/model/actions.js';
import { downloadFile } from './src/model/files.js';
import authentication from './src/request/authentication.js';
import { readCorAnswer } from './src/request/answers.js';
import { addCorHeaders } from './src/request/http.js';
import { searches, searchOrCreates } from './searches/index.js';
import { triggers } from './triggers/index.js';

// package.json sits beside index.ts in the source tree and one level above it in dist/.
const packageJson = [new URL('./package.json', import.meta.url), new URL('../package.json', import.meta.url)].find((url) => existsSync(url));
const { version } = JSON.parse(readFileSync(packageJson!, 'utf8')) as { version: string };

const creates = Object.assign({}, ...entities.map(entityActions)) as ReturnType<typeof entityActions>;

// Zapier's check D028: empty values reach the app, which treats '', null and [] as "not given" itself (src/fields.ts isAbsent).
export default defineApp({
  version,
  platformVersion: zapier.version,
  flags: { cleanInputData: false },
  authentication,
  beforeRequest: [addCorHeaders],
  afterResponse: [readCorAnswer],
  triggers,
  searches,
  creates,
  searchOrCreates,
  // Files that triggers and actions output, downloaded only when a later step uses them.
  hydrators: { downloadFile },
});
