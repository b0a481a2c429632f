/**
 * One time budget per Zap step. Zapier stops a step at 30 s; every request of a step (the
 * pages of a trigger, the create and the update of a "Create or Update"), body download
 * included, must end by the step's deadline, so that the step ends with a clear message first.
 */
import type { Bundle } from 'zapier-platform-core';

/** The step's budget: about 25 s, leaving Zapier and the app time to report. */
export const STEP_BUDGET_MS = 25_000;

/** The budget, or COR_STEP_TIMEOUT_MS where set (tests and the sandbox use a short one). */
export const stepBudgetMs = (): number => Number(process.env.COR_STEP_TIMEOUT_MS) || STEP_BUDGET_MS;

const deadlines = new WeakMap<object, number>();

/** Milliseconds left in this step; its clock starts with its first request. */
export const msLeft = (bundle: Bundle): number => {
  if (!deadlines.has(bundle)) deadlines.set(bundle, Date.now() + stepBudgetMs());
  return deadlines.get(bundle)! - Date.now();
};

/** "25 seconds", or "300 ms" for budgets that are not whole seconds. */
export const budgetText = (): string => {
  const ms = stepBudgetMs();
  return ms % 1000 === 0 ? `${ms / 1000} seconds` : `${ms} ms`;
};
