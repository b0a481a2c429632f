/**
 * The shipped artifact: `zapier-platform validate` is clean, and `zapier-platform build`
 * produces a zip that boots and runs actions against the sandbox the way Zapier's Lambda calls it.
 */
import AdmZip from 'adm-zip';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createSandbox, sandboxEnv } from '../sandbox/server.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'node_modules/zapier-platform-cli/src/bin/run');
// The CLI and the build's npm scripts must find this project's Node 22 first.
const env = { ...process.env, PATH: `${dirname(process.execPath)}:${join(root, 'node_modules/.bin')}:${process.env.PATH}` };

const zapierCli = (...args: string[]) => run(process.execPath, [cli, ...args], { cwd: root, env, maxBuffer: 16 * 1024 * 1024 });

/** Calls the unpacked zip's Lambda handler in a fresh Node process; returns its results. */
const invokeZip = async (dir: string, event: Record<string, unknown>, extraEnv: Record<string, string> = {}) => {
  const script = `
    const { handler } = await import(${JSON.stringify(join(dir, 'zapierwrapper.js'))});
    const out = await handler(${JSON.stringify({ platformVersion: '19.1.0', ...event })}, {});
    process.stdout.write('\\n@@RESULT@@' + JSON.stringify(out) + '\\n');`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: dir, env: { ...env, ...extraEnv } });
  const line = stdout.split('\n').find((l) => l.startsWith('@@RESULT@@'));
  if (!line) throw new Error(`the handler printed no result:\n${stdout}`);
  return JSON.parse(line.slice('@@RESULT@@'.length)) as { results: unknown; status?: number };
};

describe('packaging', () => {
  let unpacked: string;
  let zip: AdmZip;

  beforeAll(async () => {
    // The production build (scripts/zip.mjs, npm run zapier:build): staged, production dependencies only.
    await run('npm', ['run', 'zapier:build'], { cwd: root, env, maxBuffer: 16 * 1024 * 1024 });
    zip = new AdmZip(join(root, 'build/build.zip'));
    unpacked = mkdtempSync(join(tmpdir(), 'cor-zapier-build-'));
    zip.extractAllTo(unpacked, true);
  }, 120_000);

  afterAll(() => rmSync(unpacked, { recursive: true, force: true }));

  it('zapier-platform validate --without-style finds no errors', async () => {
    const { stdout } = await zapierCli('validate', '--without-style');
    expect(stdout).toContain('No structural errors found');
  }, 60_000);

  it('ships the compiled app and the module-sync files the CLI scan misses, and nothing of the repo besides', () => {
    const names = zip.getEntries().map((e) => e.entryName);
    expect(names).toEqual(expect.arrayContaining(['zapierwrapper.js', 'definition.json', 'package.json', 'dist/index.js']));
    for (const pkg of ['async-function', 'async-generator-function', 'generator-function']) {
      expect(names).toContain(`node_modules/${pkg}/require.mjs`);
    }
    expect(names.filter((n) => /^(test|sandbox|scripts|creates|src|\.tools)\//.test(n) || n.endsWith('.ts'))).toEqual([]);
    // Production dependencies only: nothing of the test tools, the sandbox or the CLI.
    const packages = new Set(names.filter((n) => n.startsWith('node_modules/')).map((n) => n.split('/')[1]));
    for (const dev of ['jest', 'nock', 'fastify', 'fast-check', 'typescript', 'zapier-platform-cli', 'yeoman-environment']) expect(packages).not.toContain(dev);
  });

  it('boots: the handler returns the definition and validates itself', async () => {
    const definition = (await invokeZip(unpacked, { command: 'definition' })).results as { creates: Record<string, unknown> };
    expect(Object.keys(definition.creates)).toEqual(
      expect.arrayContaining([
        'create_project_by_external_id',
        'update_project_by_external_id',
        'delete_project_by_external_id',
        'create_leave_by_external_id',
        'update_leave_by_external_id',
        'delete_leave_by_external_id',
      ]),
    );
    expect((await invokeZip(unpacked, { command: 'validate' })).results).toEqual([]);
  }, 30_000);

  it('runs Create Project and the auth test from the zip against the sandbox', async () => {
    const sandbox = createSandbox({ log: () => {} });
    const env = sandboxEnv(await sandbox.listen());
    try {
      const tokenResponse = await fetch(`${env.COR_API_BASE_URL}/oauth/token?grant_type=client_credentials`, {
        method: 'POST',
        headers: { Authorization: `Basic ${Buffer.from(`${sandbox.credentials.api_key}:${sandbox.credentials.client_secret}`).toString('base64')}` },
      });
      const { access_token } = (await tokenResponse.json()) as { access_token: string };
      const authData = { ...sandbox.credentials, access_token };

      const created = await invokeZip(
        unpacked,
        { command: 'execute', method: 'creates.create_project_by_external_id.operation.perform', bundle: { authData, inputData: { source: 'SAP', id: 'SAP/1', name: 'From the zip' } } },
        env,
      );
      expect(created.results).toMatchObject({ external_id: 'SAP/1', name: 'From the zip', cor_id: expect.any(Number) });
      expect(sandbox.control.entities('SAP', 'projects').map((p) => p.externalId)).toEqual(['SAP/1']);

      const me = await invokeZip(unpacked, { command: 'execute', method: 'authentication.test', bundle: { authData } }, env);
      expect(me.results).toMatchObject({ email: 'sandbox@cor.local' });
      // This sandbox is not useSandbox's: its check of requests against COR's OpenAPI document is read here.
      expect(sandbox.control.violations).toEqual([]);
    } finally {
      await sandbox.close();
    }
  }, 30_000);
});
