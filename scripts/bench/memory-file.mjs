// One file step in a fresh Node process, as Zapier's runtime runs a step: prints its peak resident memory.
// Arguments: the method (creates.upload_file_to_task.operation.perform or hydrators.downloadFile), the
// authData, the inputData, and Zapier's RPC address for file storage, all as given. The sandbox's URLs come in the environment.
const [method, authData, inputData, rpcBase] = process.argv.slice(2);
process.env.NODE_ENV = 'test';
const zapier = (await import('zapier-platform-core')).default;
const App = (await import('../../dist/index.js')).default;
const { trackPeak } = await import('./peak-memory.mjs');
const memory = trackPeak();
const started = performance.now();
const handler = zapier.createAppHandler(App);
// Core's RPC client signs with a deploy key where the event has no token; a token would also send core's log to Zapier.
process.env.ZAPIER_DEPLOY_KEY = 'bench';
const event = { command: 'execute', method, bundle: { authData: JSON.parse(authData), inputData: JSON.parse(inputData), meta: {} }, rpc_base: rpcBase };
const { results } = await handler(event);
const seconds = (performance.now() - started) / 1000;
process.stdout.write(`${JSON.stringify({ ...memory.stop(), seconds, results })}\n`);
