// Builds a Zapier build.zip the way `zapier-platform build` means to, from a staging folder that
// holds only the compiled app and its production dependencies (npm ci --omit=dev --omit=optional:
// the lockfile carries node-fetch's optional `encoding` peer, and with it iconv-lite, ~180 kB that
// node-fetch only loads for non-UTF-8 bodies, which COR does not send).
//
// Why not `zapier-platform build` in the project: its own staging copies the whole project,
// node_modules included, and exceeds the open-file limit (EMFILE); with --skip-dep-install in
// the project it zips the package.json of every devDependency (~1,300 files) and .tools/.
// (.gitignore is staged too: the CLI leaves what it ignores out of source.zip.)
// Usage: node scripts/zip.mjs  (npm run zapier:build) → build/build.zip
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'node_modules/zapier-platform-cli/src/bin/run');
// npm, the CLI and the zip's boot test must all run on the project's Node 22.
const env = { ...process.env, PATH: `${dirname(process.execPath)}:${join(root, 'node_modules/.bin')}:${process.env.PATH}` };
const quiet = { env, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 };

/**
 * Stages `files` (paths relative to `from`, or { path, content }) with `packageJson`, installs
 * production dependencies, and builds. Returns the path of the zip (inside the staging folder).
 */
export const buildZip = ({ from = root, files, packageJson, lockfile = true }) => {
  const stage = mkdtempSync(join(tmpdir(), 'cor-zapier-stage-'));
  for (const file of files) {
    if (typeof file === 'string') cpSync(join(from, file), join(stage, file), { recursive: true });
    else {
      mkdirSync(dirname(join(stage, file.path)), { recursive: true });
      writeFileSync(join(stage, file.path), file.content);
    }
  }
  // The app is compiled already: the staged copy has no build hook to run.
  const pkg = { ...packageJson, scripts: {} };
  writeFileSync(join(stage, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  if (lockfile) cpSync(join(from, 'package-lock.json'), join(stage, 'package-lock.json'));
  execFileSync('npm', [lockfile ? 'ci' : 'install', '--omit=dev', '--omit=optional', '--ignore-scripts', '--no-audit', '--no-fund'], { ...quiet, cwd: stage });
  execFileSync(process.execPath, [cli, 'build', '--skip-validation', '--skip-dep-install'], { ...quiet, cwd: stage });
  return { stage, zip: join(stage, 'build/build.zip') };
};

/** This app's zip, from dist/ (run `npm run build` first). */
export const buildAppZip = () =>
  buildZip({
    // dist/ is what runs; the TypeScript sources go into source.zip, which Zapier keeps for review.
    files: ['dist', '.zapierapprc', '.gitignore', 'index.ts', 'src', 'creates', 'triggers', 'searches', 'tsconfig.json', 'README.md'],
    packageJson: JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')),
  });

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { stage, zip } = buildAppZip();
  mkdirSync(join(root, 'build'), { recursive: true });
  cpSync(zip, join(root, 'build/build.zip'));
  cpSync(join(stage, 'build/source.zip'), join(root, 'build/source.zip'));
  rmSync(stage, { recursive: true, force: true });
  console.log('build/build.zip written (production dependencies only).');
}
