/**
 * Runs the app the way Zapier does, for the scenario and the end-to-end tests: one step at
 * a time through createAppTester, and on RefreshAuthError a new session token, then one retry.
 */
import zapier, { type Bundle, type ZObject } from 'zapier-platform-core';
import App from '../index.js';

type Perform = (z: ZObject, bundle: Bundle) => unknown;

export const META: Bundle['meta'] = {
  isBulkRead: false,
  isFillingDynamicDropdown: false,
  isLoadingSample: false,
  isPopulatingDedupe: false,
  isTestingAuth: false,
  limit: -1,
  page: 0,
  timezone: null,
  inputFields: {},
};

export { readZapierError, type ZapierError } from './zapier-error.js';

export const createRunner = (credentials: { api_key: string; client_secret: string }) => {
  const tester = zapier.createAppTester(App);
  const authData: Record<string, string> = { ...credentials };
  const auth = App.authentication!;
  let refreshes = 0;

  const call = <T>(perform: Perform, inputData: Record<string, unknown>, meta: Partial<Bundle['meta']> = {}) =>
    tester(perform as (z: ZObject, b: Bundle) => T | Promise<T>, { authData: { ...authData }, inputData, meta: { ...META, ...meta } }) as Promise<T>;

  const refresh = async () => {
    Object.assign(authData, await call<Record<string, string>>(auth.sessionConfig!.perform as Perform, {}));
    refreshes += 1;
  };

  /** One Zap step: a perform, with Zapier's refresh-and-retry on an expired session. */
  const step = async <T = Record<string, unknown>>(perform: Perform, inputData: Record<string, unknown>, meta: Partial<Bundle['meta']> = {}): Promise<T> => {
    try {
      return await call<T>(perform, inputData, meta);
    } catch (error) {
      if ((error as Error).name !== 'RefreshAuthError') throw error;
      await refresh();
      return call<T>(perform, inputData, meta);
    }
  };

  const performOf = (group: Record<string, unknown>, key: string): Perform => {
    const found = group[key] as { operation: { perform: unknown } } | undefined;
    if (!found) throw new Error(`The app has no "${key}".`);
    return found.operation.perform as Perform;
  };
  const createPerform = (key: string): Perform => performOf(App.creates as Record<string, unknown>, key);

  return {
    authData,
    get refreshes() {
      return refreshes;
    },
    /** Connects: the token exchange, the test call and the connection label. */
    async connect(): Promise<string> {
      await refresh();
      const me = await step(auth.test as Perform, {});
      return call<string>(auth.connectionLabel as Perform, me);
    },
    /** Makes the session token an hour old, as it is when COR expires it (a younger one answered 401 means "reconnect"). */
    ageToken() {
      authData.token_obtained_at = String(Date.now() - 60 * 60_000);
    },
    /** Runs an action ("create_project_by_external_id", …) as a Zap step. */
    run: (key: string, inputData: Record<string, unknown>) => step(createPerform(key), inputData),
    /** Polls a trigger ("new_project", …) as Zapier does (`meta` for a sample, the dedupe seed or a Transfer page). */
    trigger: (key: string, inputData: Record<string, unknown>, meta: Partial<Bundle['meta']> = {}) =>
      step<Record<string, unknown>[]>(performOf(App.triggers as Record<string, unknown>, key), inputData, meta),
    /** Runs a search ("find_client", …). */
    search: (key: string, inputData: Record<string, unknown>) => step<Record<string, unknown>[]>(performOf(App.searches as Record<string, unknown>, key), inputData),
    step,
  };
};

export type Runner = ReturnType<typeof createRunner>;
