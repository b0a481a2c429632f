/**
 * The sandbox on 127.0.0.1 for the suites that run the app against it (no nock): started
 * before the file's tests with the app's two base URLs pointed at it, stopped after.
 */
import { createSandbox, type Sandbox, type SandboxOptions, sandboxEnv } from '../../sandbox/server.js';

export const useSandbox = (options: SandboxOptions = {}): { readonly sandbox: Sandbox } => {
  let sandbox: Sandbox | undefined;
  let saved: NodeJS.ProcessEnv;
  beforeAll(async () => {
    saved = { ...process.env };
    sandbox = createSandbox({ log: () => {}, ...options });
    Object.assign(process.env, sandboxEnv(await sandbox.listen()));
  });
  afterAll(async () => {
    process.env = saved;
    await sandbox?.close();
  });
  return {
    get sandbox() {
      if (!sandbox) throw new Error('the sandbox starts in beforeAll');
      return sandbox;
    },
  };
};
