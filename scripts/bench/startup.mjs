// Benchmark sections: cold start (importing the app against importing zapier-platform-core alone,
// and the cost of zod on the first validation), and the size of build.zip against an empty app's.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import AdmZip from 'adm-zip';
import { buildAppZip, buildZip } from '../zip.mjs';
import { median, ms, times, verdict } from './stats.mjs';

/** Milliseconds the imports take in a fresh Node process (Node itself already started). */
const importTime = (cwd, specifiers) => {
  const imports = specifiers.map((s) => `await import(${JSON.stringify(s)});`).join(' ');
  const script = `const t = performance.now(); ${imports} process.stdout.write(String(performance.now() - t));`;
  return Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd, env: { ...process.env, NODE_ENV: 'production' } }).toString());
};

/** Median import time of each target over `runs` fresh processes, the targets interleaved. */
const coldStart = (cwd, targets, runs = 25) => {
  const samples = Object.fromEntries(Object.keys(targets).map((k) => [k, []]));
  for (let i = 0; i < runs; i++) for (const [name, specifiers] of Object.entries(targets)) samples[name].push(importTime(cwd, [specifiers].flat()));
  return Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));
};

const emptyZip = (root) =>
  buildZip({
    from: root,
    lockfile: false,
    files: [
      { path: 'index.js', content: "import zapier from 'zapier-platform-core';\nexport default { version: '1.0.0', platformVersion: zapier.version, triggers: {}, searches: {}, creates: {} };\n" },
      '.zapierapprc',
    ],
    packageJson: { name: 'empty-zapier-app', version: '1.0.0', type: 'module', exports: './index.js', main: './index.js', dependencies: { 'zapier-platform-core': '19.1.0' } },
  });

/** Compressed bytes per package (or top-level file) of a zip. */
const parts = (zip) => {
  const bytes = {};
  for (const entry of new AdmZip(zip).getEntries()) {
    const p = entry.entryName.split('/');
    const name = p[0] === 'node_modules' ? (p[1].startsWith('@') ? `${p[1]}/${p[2]}` : p[1]) : p[0];
    bytes[name] = (bytes[name] ?? 0) + entry.header.compressedSize;
  }
  return bytes;
};

export const startupSections = (root) => {
  const app = buildAppZip();
  const empty = emptyZip(root);
  const appDir = mkdtempSync(join(os.tmpdir(), 'cor-bench-zip-'));
  new AdmZip(app.zip).extractAllTo(appDir, true);
  const size = (zip) => ({ bytes: statSync(zip).size, files: new AdmZip(zip).getEntries().length });
  const sizes = { app: size(app.zip), empty: size(empty.zip) };
  const emptyParts = parts(empty.zip);
  const added = Object.entries(parts(app.zip))
    .map(([name, bytes]) => [name, bytes - (emptyParts[name] ?? 0)])
    .filter(([, bytes]) => bytes > 2000)
    .sort((a, b) => b[1] - a[1]);
  const zod = 'zod/v3';
  const repo = coldStart(root, { core: 'zapier-platform-core', zod, app: './dist/index.js', appZod: ['./dist/index.js', zod] });
  const shipped = coldStart(appDir, { core: 'zapier-platform-core', app: './dist/index.js', appZod: ['./dist/index.js', zod] });
  for (const dir of [appDir, app.stage, empty.stage]) rmSync(dir, { recursive: true, force: true });
  return [
    [
      '## 4. Cold start: importing the app in a fresh Node process',
      '',
      'Time of the `import` itself, median of 25 fresh processes each, the targets interleaved. The floor is `zapier-platform-core` alone: the app imports it.',
      '',
      '| what is imported | in the repository | from the unpacked build.zip |',
      '|---|---|---|',
      `| \`zapier-platform-core\` alone (the floor) | ${ms(repo.core)} | ${ms(shipped.core)} |`,
      `| the app (\`dist/index.js\`) | ${ms(repo.app)} | ${ms(shipped.app)} |`,
      `| **ratio app / floor** | ${times(repo.app / repo.core)} ${verdict(repo.app / repo.core, 1.15)} | ${times(shipped.app / shipped.core)} ${verdict(shipped.app / shipped.core, 1.15)} |`,
      `| \`${zod}\` alone | ${ms(repo.zod)} | |`,
      `| the app and \`${zod}\`, as a step's first validation loads it | ${ms(repo.appZod)} (${times(repo.appZod / repo.core)}) | ${ms(shipped.appZod)} (${times(shipped.appZod / shipped.core)}) |`,
    ],
    [
      '## 5. Build size: build.zip against an app with no actions, built the same way',
      '',
      'Both staged with production dependencies only and built by `zapier-platform build` (scripts/zip.mjs).',
      '',
      '| zip | bytes | files |',
      '|---|---|---|',
      `| an app with no actions (core only) | ${sizes.empty.bytes.toLocaleString('en')} | ${sizes.empty.files} |`,
      `| this app | ${sizes.app.bytes.toLocaleString('en')} | ${sizes.app.files} |`,
      `| ratio | ${times(sizes.app.bytes / sizes.empty.bytes)} ${verdict(sizes.app.bytes / sizes.empty.bytes, 1.2)} | ${times(sizes.app.files / sizes.empty.files)} |`,
      '',
      `What the app adds to the empty app's zip (compressed bytes): ${added.map(([name, bytes]) => `${name} ${bytes.toLocaleString('en')}`).join(', ')}.`,
    ],
  ];
};
