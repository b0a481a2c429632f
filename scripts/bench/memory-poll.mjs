// One poll in a fresh Node process, as Zapier's runtime runs a step: prints its peak resident memory.
// Arguments: the trigger's key, the authData and the meta as JSON. The sandbox's URLs come in the environment.
const [trigger, authData, meta] = process.argv.slice(2);
process.env.NODE_ENV = 'test';
const zapier = (await import('zapier-platform-core')).default;
const App = (await import('../../dist/index.js')).default;
const { trackPeak } = await import('./peak-memory.mjs');
const memory = trackPeak();
const handler = zapier.createAppHandler(App);
const { results } = await handler({ command: 'execute', method: `triggers.${trigger}.operation.perform`, bundle: { authData: JSON.parse(authData), inputData: {}, meta: JSON.parse(meta) } });
process.stdout.write(`${JSON.stringify({ ...memory.stop(), items: results.length })}\n`);
