/**
 * `npm start`: starts the sandbox on a free loopback port and runs the sync scenario through
 * the real app, printing each step; exits 0 when every step behaved as documented.
 * `npm run sandbox`: keeps the sandbox running and prints the .env lines for `zapier-platform invoke`,
 * with "elsewhere" (elsewhere.ts) beside it: a file host that is not COR, and Zapier's file storage.
 */
// createAppTester runs the app in Zapier's test mode; without this, core prints a Lambda
// memory report after every step. Set before zapier-platform-core loads (imports are hoisted).
process.env.NODE_ENV ??= 'test';
const { runScenario } = await import('./scenario.js');
const { createSandbox, sandboxEnv } = await import('./server.js');
const { createElsewhere } = await import('./elsewhere.js');
const { createRunner } = await import('./zapier-runner.js');

const serve = process.argv.includes('--serve');
const port = Number(process.env.SANDBOX_PORT ?? (serve ? 8787 : 0));
// SANDBOX_QUIET=1 keeps a served sandbox from logging each request (the benchmark's child process).
const logs = (serve && process.env.SANDBOX_QUIET !== '1') || Boolean(process.env.SANDBOX_LOG);
const sandbox = createSandbox({ log: logs ? undefined : () => {}, tokenTtlSeconds: serve ? 86_400 : 3600 });
const url = await sandbox.listen(port);
Object.assign(process.env, sandboxEnv(url));

if (serve) {
  // The host beside COR: files from another app, and Zapier's file storage (rpc_base) for a hydrator.
  const elsewhere = createElsewhere();
  const elsewhereUrl = await elsewhere.listen(Number(process.env.ELSEWHERE_PORT ?? (port === 0 ? 0 : port + 1)));
  // Ctrl-C: both servers delete their temporary files.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void Promise.all([sandbox.close(), elsewhere.close()]).finally(() => process.exit(0)));
  }
  const token = await fetch(`${url}/v1/oauth/token?grant_type=client_credentials`, {
    method: 'POST',
    headers: { Authorization: `Basic ${Buffer.from(`${sandbox.credentials.api_key}:${sandbox.credentials.client_secret}`).toString('base64')}` },
  }).then((r) => r.json() as Promise<{ access_token: string }>);
  process.stdout.write(
    [
      `COR sandbox listening on ${url} (Ctrl-C to stop). Put these lines in .env to use it with zapier-platform invoke:`,
      '',
      ...Object.entries(sandboxEnv(url)).map(([k, v]) => `${k}=${v}`),
      `authData_api_key=${sandbox.credentials.api_key}`,
      `authData_client_secret=${sandbox.credentials.client_secret}`,
      `authData_access_token=${token.access_token}`,
      '',
      'Then, for example:',
      `  npm run build && npx zapier-platform invoke create create_client_by_external_id --inputData '{"source":"ZAPIER","id":"ACME-1","name":"Acme"}' --non-interactive`,
      '',
      `Elsewhere (a file host that is not COR, and Zapier's file storage) listening on ${elsewhereUrl}:`,
      `  ${elsewhere.fileUrl('sample.pdf', { size: 1_000_000, seed: 'demo' })}  1 MB of pseudo-random bytes`,
      `  ${elsewhereUrl}/rpc  Zapier's RPC for z.stashFile (rpc_base), its uploads at ${elsewhereUrl}/s3/`,
      '',
      'Each request to the sandbox is logged below, one line each.',
      '',
    ].join('\n'),
  );
} else {
  process.stdout.write(`COR sandbox on ${url}: running a sync scenario through the cor-zapier app\n\n`);
  const runner = createRunner(sandbox.credentials);
  const outcomes = await runScenario(runner, sandbox, (outcome, index) => {
    process.stdout.write(`${outcome.ok ? '✔' : '✘'} ${String(index + 1).padStart(2)}. ${outcome.title}\n      ${outcome.detail}\n`);
  });
  const failed = outcomes.filter((o) => !o.ok).length;
  process.stdout.write(`\n${outcomes.length - failed} of ${outcomes.length} steps behaved as documented; ${sandbox.control.requests.length} requests reached the sandbox.\n`);
  await sandbox.close();
  process.exitCode = failed ? 1 : 0;
}
