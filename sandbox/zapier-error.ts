/** How a step's failure reads, as Zapier's handler throws it: without the app, so the benchmark can read it too. */

export interface ZapierError {
  name: string;
  message: string;
  code?: string;
  status?: number;
  delay?: number;
}

/** Zapier's errors carry their fields as JSON in `message`. */
export const readZapierError = (error: unknown): ZapierError => {
  const e = error as Error;
  try {
    return { name: e.name, ...(JSON.parse(e.message) as Omit<ZapierError, 'name'>) };
  } catch {
    // A HaltedError (input to fix) has a plain message; the app puts its code beside it.
    const code = (e as { code?: unknown }).code;
    return { name: e.name, message: e.message, ...(typeof code === 'string' ? { code } : {}) };
  }
};
