/**
 * Files end to end, without nock (issue 22): a file on another host ("elsewhere") goes through Upload
 * File to Task into the sandbox, comes out of New File on Task and New File in Project as a Zapier file
 * reference, and Zapier's own handler hydrates it (core's z.stashFile, against elsewhere's stand-in for
 * Zapier's storage) into the same bytes. The token goes to the sandbox (COR) only.
 */
import zapier from 'zapier-platform-core';
import { generatedBytes, sha256Of } from '../sandbox/elsewhere.js';
import { createRunner, META, type Runner } from '../sandbox/zapier-runner.js';
import { useElsewhere } from './support/elsewhere.js';
import { App } from './support/harness.js';
import { useSandbox } from './support/sandbox.js';

/** The large file's size: 8 MB here (a few hundred chunks); FILE_TEST_MB=50 as the benchmark moves it, with its peak memory. */
const LARGE_MB = Number(process.env.FILE_TEST_MB) || 8;

const local = useSandbox();
const other = useElsewhere();
// Core's RPC client signs with a deploy key where the event has no token (a token would also send core's log to Zapier).
beforeAll(() => {
  process.env.ZAPIER_DEPLOY_KEY = 'test-deploy-key';
});
afterAll(() => {
  delete process.env.ZAPIER_DEPLOY_KEY;
});
const handler = (zapier as unknown as { createAppHandler: (app: unknown) => (event: unknown) => Promise<{ results: unknown }> }).createAppHandler(App);

/** Runs the hydration a file reference names, as Zapier does when a later step uses the file: its URL in Zapier's storage. */
const hydrate = async (runner: Runner, reference: unknown): Promise<string> => {
  const match = /^hydrate\|\|\|(.+)\|\|\|hydrate$/.exec(String(reference));
  if (!match) throw new Error(`not a file reference: ${String(reference)}`);
  const payload = JSON.parse(match[1]!) as { type: string; method: string; bundle: Record<string, unknown> };
  expect(payload).toMatchObject({ type: 'file', method: 'hydrators.downloadFile' });
  const { results } = await handler({
    command: 'execute',
    method: payload.method,
    bundle: { authData: runner.authData, inputData: payload.bundle, meta: META },
    rpc_base: `${other.elsewhere.url}/rpc`,
  });
  return String(results);
};

describe('a file from another app to a task, and back out to a later step', () => {
  let runner: Runner;
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    local.sandbox.control.reset();
    runner = createRunner(local.sandbox.credentials);
    await runner.connect();
    const client = await runner.run('create_client_by_external_id', { source: 'ZAPIER', id: 'F1', name: 'Files Inc' });
    ids.project = Number((await runner.run('create_project', { name: 'Files', client_id: client.cor_id })).cor_id);
    ids.task = Number((await runner.run('create_task', { title: 'Deliverables', project_id: ids.project })).cor_id);
  });

  it.each([
    ['a small PDF', 'brief.pdf', 48_213],
    [`${LARGE_MB} MB, streamed both ways`, 'master.mov', LARGE_MB * 1024 * 1024],
  ])('%s: uploaded, listed, hydrated into the same bytes; the token only ever went to COR', async (_what, name, size) => {
    const source = other.elsewhere.fileUrl(name, { size, seed: name });
    const expected = await sha256Of(generatedBytes(size, name));

    const uploaded = await runner.run('upload_file_to_task', { task_id: ids.task, file: source });
    expect(uploaded).toMatchObject({ name, size, task_id: ids.task, source: 'S3' });

    const [onTask] = await runner.trigger('new_file_on_task', { task_id: ids.task });
    expect(onTask).toMatchObject({ cor_id: uploaded.cor_id, name, size });
    const [inProject] = await runner.trigger('new_file_in_project', { project_id: ids.project });
    expect(inProject).toMatchObject({ cor_id: uploaded.cor_id, name });
    for (const reference of [onTask!.file, inProject!.file]) expect(String(reference)).not.toContain(runner.authData.access_token!);

    const stashedUrl = await hydrate(runner, onTask!.file);
    const stashed = other.elsewhere.stashed(stashedUrl);
    expect(stashed).toMatchObject({ size, filename: name });
    const back = await fetch(stashedUrl);
    expect(await sha256Of(back.body as unknown as AsyncIterable<Uint8Array>)).toBe(expected);

    // Elsewhere is every host but COR: the file's host and Zapier's storage never got the token.
    expect(other.elsewhere.requests.length).toBeGreaterThanOrEqual(3);
    for (const request of other.elsewhere.requests) expect(request.headers.authorization).toBeUndefined();
  });

  it('New File on Task gives a cloud link as a link, with no file to hydrate', async () => {
    await runner.run('attach_cloud_file_to_task', { task_id: ids.task, source_type: 'GoogleDrive', filename: 'https://drive.google.com/file/d/1AbC/view', originalname: 'plan.pdf' });
    const [newest] = await runner.trigger('new_file_on_task', { task_id: ids.task });
    expect(newest).toMatchObject({ name: 'plan.pdf', source: 'GoogleDrive', url: 'https://drive.google.com/file/d/1AbC/view', file: null });
  });

  it("says what COR refused, with COR's own reason (a blocked extension)", async () => {
    const error = await runner.run('upload_file_to_task', { task_id: ids.task, file: other.elsewhere.serve('setup.exe', 'MZ') }).catch((e: Error) => e);
    expect(String((error as Error).message)).toContain('FS001');
  });
});
