/**
 * "Elsewhere" (sandbox/elsewhere.ts) on 127.0.0.1 for a test file: a file host that is not COR, and
 * Zapier's file storage (its RPC and S3 upload). Started before the file's tests, its requests and
 * files forgotten before each test, stopped after.
 */
import { createElsewhere, type Elsewhere } from '../../sandbox/elsewhere.js';

export const useElsewhere = (): { readonly elsewhere: Elsewhere } => {
  let elsewhere: Elsewhere | undefined;
  beforeAll(async () => {
    elsewhere = createElsewhere();
    await elsewhere.listen();
  });
  beforeEach(() => elsewhere?.reset());
  afterAll(async () => {
    await elsewhere?.close();
  });
  return {
    get elsewhere() {
      if (!elsewhere) throw new Error('elsewhere starts in beforeAll');
      return elsewhere;
    },
  };
};
