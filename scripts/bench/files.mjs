// Benchmark section: files through the app (issue 22). Upload File to Task streams a file from another
// host into COR; a later step's hydration downloads it from COR into Zapier's storage. Each runs in a
// fresh process, as Zapier runs a step, and its peak resident memory is read beside the file's size;
// the bytes Zapier's storage ends up with are compared with the original.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const MB = 1024 * 1024;
const SIZES = (process.env.BENCH_FILE_SIZES ?? '1,50,100').split(',').map(Number);

/** One step in a fresh process: its memory before, at its peak, its time, and its result. */
const inFreshProcess = (sandbox, method, inputData) => {
  const script = fileURLToPath(new URL('./memory-file.mjs', import.meta.url));
  const out = execFileSync(process.execPath, [script, method, JSON.stringify(sandbox.authData), JSON.stringify(inputData), `${sandbox.elsewhere}/rpc`], {
    env: { ...process.env, ...sandbox.env },
    maxBuffer: 16 * MB,
  });
  return JSON.parse(String(out));
};

/** The sha256 of what a URL serves, read as a stream. */
const sha256OfUrl = async (rawFetch, elsewhere, url) => elsewhere.sha256Of((await rawFetch(url)).body);

export const filesSection = async (sandbox, run, rawFetch) => {
  const elsewhere = await import('../../.tools/sandbox/elsewhere.js');
  await sandbox.reset();
  const client = (await run('creates.create_client_by_external_id.operation.perform', { source: 'ZAPIER', id: 'BENCH-F', name: 'Bench Files' })).results;
  const project = (await run('creates.create_project.operation.perform', { name: 'Files', client_id: client.cor_id })).results;
  const task = (await run('creates.create_task.operation.perform', { title: 'Deliverables', project_id: project.cor_id })).results;
  const rows = [];
  for (const size of SIZES) {
    const name = `bench-${size}mb.bin`;
    const source = `${sandbox.elsewhere}/files/${name}?size=${size * MB}&seed=${name}`;
    const upload = inFreshProcess(sandbox, 'creates.upload_file_to_task.operation.perform', { task_id: task.cor_id, file: source });
    const [listed] = (await run('triggers.new_file_on_task.operation.perform', { task_id: task.cor_id })).results;
    const payload = JSON.parse(/^hydrate\|\|\|(.+)\|\|\|hydrate$/.exec(listed.file)[1]);
    const hydrate = inFreshProcess(sandbox, payload.method, payload.bundle);
    const same = (await sha256OfUrl(rawFetch, elsewhere, hydrate.results)) === (await elsewhere.sha256Of(elsewhere.generatedBytes(size * MB, name)));
    const cell = (m) => `${m.peak} MB (${m.before} MB loaded), ${m.seconds.toFixed(1)} s`;
    rows.push(`| ${size} MB | ${cell(upload)} | ${cell(hydrate)} | ${same ? '✅ same sha256' : '❌ differ'} |`);
  }
  return [
    '## 7. Files: upload and hydration, peak memory',
    '',
    "Each step in a fresh Node process, as Zapier runs one, over loopback: *Upload File to Task* with a file from another host (the sandbox's \"elsewhere\"), then the hydration of *New File on Task*'s file into Zapier's storage (core's own `z.stashFile`, against elsewhere's stand-in for it). The upload streams the download into the multipart body; the hydration streams into a temporary file, as core does, then uploads it. Memory that does not grow with the file is the claim: compare the rows. Zapier stops a step at 450 MB; the app refuses files above 100 MB.",
    '',
    "| file | Upload File to Task: peak memory, time | hydration: peak memory, time | bytes in Zapier's storage |",
    '|---|---|---|---|',
    ...rows,
  ];
};
