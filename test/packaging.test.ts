/**
 * The shipped artifact: `zapier-platform validate` is clean, and `zapier-platform build`
 * produces a zip that boots and runs an action the way Zapier's Lambda calls it.
 */
import AdmZip from 'adm-zip';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

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
    await zapierCli('build', '--skip-validation', '--skip-dep-install');
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
    expect(names.filter((n) => /^(test|sandbox|scripts|creates|src)\//.test(n) || n.endsWith('.ts'))).toEqual([]);
  });

  it('boots: the handler returns the definition and validates itself', async () => {
    const definition = (await invokeZip(unpacked, { command: 'definition' })).results as { creates: Record<string, unknown> };
    expect(Object.keys(definition.creates)).toEqual(
      expect.arrayContaining(['create_project', 'update_project', 'delete_project', 'create_leave', 'update_leave', 'delete_leave']),
    );
    expect((await invokeZip(unpacked, { command: 'validate' })).results).toEqual([]);
  }, 30_000);

  it('runs Create Project from the zip against COR on loopback', async () => {
    const seen: { method?: string; url?: string; auth?: string; body?: string } = {};
    const server: Server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        Object.assign(seen, { method: req.method, url: req.url, auth: req.headers.authorization, body });
        res.writeHead(201, { 'Content-Type': 'application/json' }).end(JSON.stringify({ id: 4242, name: 'From the zip' }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const out = await invokeZip(
        unpacked,
        {
          command: 'execute',
          method: 'creates.create_project.operation.perform',
          bundle: { authData: { access_token: 'zip-token' }, inputData: { source: 'SAP', id: 'SAP/1', name: 'From the zip' } },
        },
        { COR_INTEGRATIONS_BASE_URL: `http://127.0.0.1:${port}` },
      );
      expect(out.results).toEqual({ cor_id: 4242, external_id: 'SAP/1', source: 'SAP', name: 'From the zip' });
      expect(seen).toEqual({
        method: 'POST',
        url: '/v2/integrations/projects',
        auth: 'Bearer zip-token',
        body: JSON.stringify({ metadata: { source: 'SAP' }, id: 'SAP/1', name: 'From the zip' }),
      });
    } finally {
      server.close();
    }
  }, 30_000);
});
