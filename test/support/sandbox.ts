/**
 * The sandbox on 127.0.0.1 for the suites that run the app against it (no nock): started
 * before the file's tests with the app's two base URLs pointed at it, stopped after. A test
 * fails when the app sent a main-API request that departs from COR's OpenAPI document.
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
  // The sandbox answered such a request 400, which the test may even have expected: fail it here, by name.
  afterEach(() => {
    const found = sandbox ? sandbox.control.violations.splice(0) : [];
    if (found.length) throw new Error(`The app sent main-API requests that COR's OpenAPI document does not allow:\n${found.join('\n')}`);
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
