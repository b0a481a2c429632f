// Benchmark sections: cold start (importing the app against importing zapier-platform-core alone,
// and the cost of zod on the first validation), and the size of build.zip against an empty app's.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import AdmZip from 'adm-zip';
import { buildAppZip, buildZip } from '../zip.mjs';
import { median, ms, range, spread, times, verdict } from './stats.mjs';

/** Milliseconds the imports take in a fresh Node process (Node itself already started). */
const importTime = (cwd, specifiers) => {
  const imports = specifiers.map((s) => `await import(${JSON.stringify(s)});`).join(' ');
  const script = `const t = performance.now(); ${imports} process.stdout.write(String(performance.now() - t));`;
  return Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd, env: { ...process.env, NODE_ENV: 'production' } }).toString());
};

const REPEATS = 5;
const RUNS = 5;

/**
 * Import time of each target in fresh processes, the targets interleaved: per repeat, the median of
 * RUNS processes each. Returns each target's per-repeat medians.
 */
const coldStart = (cwd, targets) => {
  const medians = Object.fromEntries(Object.keys(targets).map((k) => [k, []]));
  for (let repeat = 0; repeat < REPEATS; repeat++) {
    const samples = Object.fromEntries(Object.keys(targets).map((k) => [k, []]));
    for (let i = 0; i < RUNS; i++) for (const [name, specifiers] of Object.entries(targets)) samples[name].push(importTime(cwd, [specifiers].flat()));
    for (const [name, values] of Object.entries(samples)) medians[name].push(median(values));
  }
  return medians;
};

/** "12.3 ms (11.9–13.0 ms)": the median of the repeats' medians, with their range. */
const msSpread = (xs) => `${ms(median(xs))} (${range(xs).map(ms).join('–')})`;
/** The ratio of two targets, repeat by repeat. */
const ratio = (result, a, b) => result[a].map((x, i) => x / result[b][i]);

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
  const [repoRatio, shippedRatio] = [ratio(repo, 'app', 'core'), ratio(shipped, 'app', 'core')];
  return [
    [
      '## 4. Cold start: importing the app in a fresh Node process',
      '',
      `Time of the \`import\` itself: ${REPEATS} repeats of ${RUNS} fresh processes per target, the targets interleaved; the median of the repeats' medians, with their range. The floor is \`zapier-platform-core\` alone: the app imports it.`,
      '',
      '| what is imported | in the repository | from the unpacked build.zip |',
      '|---|---|---|',
      `| \`zapier-platform-core\` alone (the floor) | ${msSpread(repo.core)} | ${msSpread(shipped.core)} |`,
      `| the app (\`dist/index.js\`, one bundled file) | ${msSpread(repo.app)} | ${msSpread(shipped.app)} |`,
      `| **ratio app / floor** | ${spread(repoRatio)} ${verdict(median(repoRatio), 1.15)} | ${spread(shippedRatio)} ${verdict(median(shippedRatio), 1.15)} |`,
      `| \`${zod}\` alone, imported on a step's first validation | ${msSpread(repo.zod)} | |`,
      `| the app and \`${zod}\` | ${msSpread(repo.appZod)} (${spread(ratio(repo, 'appZod', 'core'))}) | ${msSpread(shipped.appZod)} (${spread(ratio(shipped, 'appZod', 'core'))}) |`,
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
