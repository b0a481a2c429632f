// Benchmark section: what validating a step's input costs, and whether runs leave memory behind.
import { entities } from '../../.tools/creates/index.js';
import { exampleInput } from '../../.tools/src/model/actions.js';
import { schemaFor } from '../../.tools/src/model/executor.js';
import { parseInput } from '../../.tools/src/model/schema.js';
import { median } from './stats.mjs';

/** Microseconds per call of `fn`, median of 7 rounds after a warm-up. */
const perCall = (fn, calls = 20000) => {
  for (let i = 0; i < 1000; i++) fn();
  const samples = [];
  for (let round = 0; round < 7; round++) {
    const start = performance.now();
    for (let i = 0; i < calls / 7; i++) fn();
    samples.push(((performance.now() - start) * 1000) / (calls / 7));
  }
  return median(samples);
};

export const validationSection = async (sandbox, run) => {
  const createProject = entities.find((e) => e.noun === 'Project').operations.find((op) => op.kind === 'create');
  const full = exampleInput(createProject);
  const bad = { ...full, start: '31/12/2026', end: '2026-02-30', billable: 'maybe', estimated_time: 'ten' };
  const schema = await schemaFor(createProject);
  const valid = perCall(() => parseInput(schema, full));
  const invalid = perCall(() => {
    try {
      parseInput(schema, bad);
    } catch {
      // four bad fields, reported together
    }
  });
  await sandbox.reset();
  globalThis.gc?.();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < 1000; i++) await run('creates.create_client_by_external_id.operation.perform', { source: 'OKTA', id: `M-${i}`, name: 'Memory' });
  globalThis.gc?.();
  const after = process.memoryUsage().heapUsed;
  return [
    `## 6. Validation of Create Project (${createProject.fields.length + 1} fields), and memory`,
    '',
    '| measure | result |',
    '|---|---|',
    `| every field filled, valid | ${valid.toFixed(1)} µs a call |`,
    `| four bad fields, reported together | ${invalid.toFixed(1)} µs a call |`,
    `| app heap after 1,000 runs of Create Client, after a full GC | ${(before / 1e6).toFixed(1)} MB before, ${(after / 1e6).toFixed(1)} MB after${globalThis.gc ? '' : ' (run with --expose-gc for exact figures)'} |`,
  ];
};
