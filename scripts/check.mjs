// Lints every source file and checks its formatting with Biome, the project's linter and formatter
// (settings in biome.jsonc), through Biome's WebAssembly build. Why not Biome's CLI: its binary
// comes in per-platform packages, most of which this registry does not carry, so the lockfile
// cannot list them and `npm ci` refuses it; the WebAssembly build is one package that runs anywhere.
// Usage: node scripts/check.mjs [--write]   (npm run lint; npm run format writes the fixes)
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Biome } from '@biomejs/js-api/nodejs';

const root = fileURLToPath(new URL('..', import.meta.url));
const write = process.argv.includes('--write');
// biome.jsonc: JSON with whole-line comments.
const config = JSON.parse(readFileSync(new URL('../biome.jsonc', import.meta.url), 'utf8').replace(/^\s*\/\/.*$/gm, ''));
const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' })
  .split('\n')
  .filter((file) => /\.(ts|mjs|cjs)$/.test(file));

const biome = new Biome();
const { projectKey } = biome.openProject(root);
biome.applyConfiguration(projectKey, config);

/** Biome prints diagnostics as HTML-marked text; a terminal wants it plain. */
const plain = (html) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&gt;/g, '>')
    .replace(/&lt;/g, '<')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

let problems = 0;
for (const filePath of files) {
  const source = readFileSync(new URL(`../${filePath}`, import.meta.url), 'utf8');
  const lint = biome.lintContent(projectKey, source, { filePath, ...(write ? { fixFileMode: 'safeFixes' } : {}) });
  const linted = write ? lint.content : source;
  const formatted = biome.formatContent(projectKey, linted, { filePath }).content;
  const findings = lint.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning');
  if (findings.length) process.stdout.write(plain(biome.printDiagnostics(findings, { filePath, fileSource: linted })));
  if (write && formatted !== source) writeFileSync(new URL(`../${filePath}`, import.meta.url), formatted);
  else if (formatted !== source) process.stdout.write(`${filePath}: not formatted (npm run format)\n`);
  problems += findings.length + (!write && formatted !== source ? 1 : 0);
}
biome.shutdown();
process.stdout.write(`Biome: ${files.length} files, ${problems} problem${problems === 1 ? '' : 's'}.\n`);
process.exitCode = problems ? 1 : 0;
