/**
 * `npm run verify:live` runs against the sandbox through the same code as against COR, so it
 * cannot rot: every operation passes, COR's answers have the shapes the app assumes, every record
 * it made is gone again, and its fixtures replay through the sandbox to the same outcome.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { entities } from '../creates/index.js';
import { operationKey } from '../src/model/entity.js';
import { createRunner } from '../sandbox/zapier-runner.js';
import { report, verifyLive, type Check, type Exchange } from '../sandbox/verify.js';
import { useSandbox } from './support/sandbox.js';

const local = useSandbox();
const SOURCE = 'VBS';
const fixtures = mkdtempSync(join(tmpdir(), 'cor-verify-'));
let checks: Check[] = [];

beforeAll(async () => {
  local.sandbox.control.reset();
  checks = await verifyLive({ credentials: local.sandbox.credentials, source: SOURCE, fixturesDir: fixtures, fileUrl: `${process.env.COR_INTEGRATIONS_BASE_URL}/__sandbox/files/brief.txt` });
}, 60_000);

describe('verify:live against the sandbox', () => {
  it('runs every operation of every entity with an external ID, and every action by COR ID, each passing with the answer shape the app assumes', () => {
    const ran = new Set(checks.map((c) => c.operation.replace(/ \(Create or Update\)$/, '')));
    const expected = entities.filter((e) => e.idExample || e.api === 'main').flatMap((e) => e.operations.map((op) => operationKey(e, op)));
    expect([...expected].filter((key) => !ran.has(key))).toEqual([]);
    expect(checks.filter((c) => !c.ok || c.notes.some((n) => /missing|assumes|second record/.test(n)))).toEqual([]);
    expect(report(checks)).toContain(`${checks.length} operations, 0 failed.`);
  });

  it('leaves nothing behind under its source (workspaces, which cannot be deleted, are retired)', () => {
    for (const kind of ['clients', 'brands', 'products', 'projects', 'contracts', 'users', 'positions', 'categories', 'seniority', 'teams', 'leaves', 'leave-types', 'working-time']) {
      expect(`${kind}: ${local.sandbox.control.entities(SOURCE, kind).length}`).toBe(`${kind}: 0`);
    }
    expect(local.sandbox.control.entities(SOURCE, 'workspaces').every((w) => w.fields.active === false)).toBe(true);
  });

  it('writes fixtures with no secret, which replay through the sandbox to the same outcome', async () => {
    const files = readdirSync(fixtures);
    expect(files).toHaveLength(checks.length);
    const text = files.map((f) => readFileSync(join(fixtures, f), 'utf8')).join('\n');
    expect(text).not.toContain(local.sandbox.credentials.client_secret);
    const runner = createRunner(local.sandbox.credentials);
    await runner.connect();
    for (const file of files.filter((f) => /create_client_by_external_id|update_project_by_external_id|attach_users_to_team_by_external_id/.test(f))) {
      const fixture = JSON.parse(readFileSync(join(fixtures, file), 'utf8')) as { operation: string; input: Record<string, unknown>; ok: boolean; exchanges: Exchange[] };
      local.sandbox.control.replay(fixture.exchanges);
      const outcome = await runner.run(fixture.operation, fixture.input).then(
        () => true,
        () => false,
      );
      expect(`${file}: ${outcome}`).toBe(`${file}: ${fixture.ok}`);
    }
  });
});
