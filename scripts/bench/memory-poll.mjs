// One poll in a fresh Node process, as Zapier's runtime runs a step: prints its peak resident memory.
// Arguments: the trigger's key, the authData and the meta as JSON. The sandbox's URLs come in the environment.
const [trigger, authData, meta] = process.argv.slice(2);
process.env.NODE_ENV = 'test';
const zapier = (await import('zapier-platform-core')).default;
const App = (await import('../../dist/index.js')).default;
let peak = process.memoryUsage().rss;
const timer = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 5);
const before = process.memoryUsage().rss;
const handler = zapier.createAppHandler(App);
const { results } = await handler({ command: 'execute', method: `triggers.${trigger}.operation.perform`, bundle: { authData: JSON.parse(authData), inputData: {}, meta: JSON.parse(meta) } });
clearInterval(timer);
process.stdout.write(`${JSON.stringify({ before: Math.round(before / 1e6), peak: Math.round(Math.max(peak, process.memoryUsage().rss) / 1e6), items: results.length })}\n`);
