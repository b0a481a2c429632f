// The app as it was at an earlier commit, built beside this one, so that one run can compare a step's
// cost before and after a change (BENCH_BASELINE_REV, default fdb009a: before the work on issues 11-16).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const BASELINE_REV = process.env.BENCH_BASELINE_REV || 'fdb009a';

/** The compiled app at BASELINE_REV, or undefined (with why) when git or the build cannot give it. */
export const loadBaseline = async (root) => {
  try {
    const dir = mkdtempSync(join(tmpdir(), 'cor-bench-baseline-'));
    execFileSync('git', ['-C', root, 'worktree', 'add', '--detach', '-f', dir, BASELINE_REV], { stdio: 'ignore' });
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
    execFileSync(join(root, 'node_modules/.bin/tsc'), ['-p', join(dir, 'tsconfig.build.json')], { stdio: 'ignore' });
    const entry = join(dir, 'dist/index.js');
    if (!existsSync(entry)) throw new Error('no dist/index.js');
    const app = (await import(entry)).default;
    const remove = () => execFileSync('git', ['-C', root, 'worktree', 'remove', '--force', dir], { stdio: 'ignore' });
    return { app, rev: BASELINE_REV, remove };
  } catch (error) {
    process.stderr.write(`No baseline at ${BASELINE_REV}: ${error.message}\n`);
    return undefined;
  }
};
