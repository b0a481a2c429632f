/** What the polling suites share: the list sizes and orders, where each trigger's records are made, and Zapier's dedupe, emulated. */
import type { MainKind, MainRecord } from '../../sandbox/main-api.js';
import type { Sandbox } from '../../sandbox/server.js';
import { POLL_LIMIT } from '../../src/reading/polling.js';
import { App } from './harness.js';

/** Records in each list: 400 in npm test, a scan of 8 pages of 50; POLL_SIZE=2000 for the soak. */
export const SIZE = Number(process.env.POLL_SIZE) || 400;
export const COUNTS = [1, 10, 49, 60, 100];
export const ORDERS = ['oldest-first', 'newest-first'] as const;
export const USER = 8546; // the user whose leaves New Leave watches

export const KIND: Record<string, MainKind> = {
  '/projects': 'projects',
  '/clients': 'clients',
  '/users': 'users',
  '/hours': 'hours',
  '/tasks': 'tasks',
  '/user/leaves': 'leaves',
  '/brands': 'brands',
  '/products': 'products',
  '/tasks/{task_id}/attachments': 'attachments',
  '/projects/{project_id}/attachments': 'attachments',
};

/** The record a kind's bulk records are made in: a file on a task (and so in that task's project). */
const PARENT: Partial<Record<MainKind, MainKind>> = { attachments: 'tasks' };

/** The input a trigger needs to read its list, from the record its bulk records were made in (COR IDs as text, as a Zap maps them). */
export const INPUT: Record<string, (parent: MainRecord | undefined) => Record<string, string>> = {
  '/user/leaves': () => ({ user_id: String(USER) }),
  '/tasks/{task_id}/attachments': (task) => ({ task_id: String(task!.id) }),
  '/projects/{project_id}/attachments': (task) => ({ project_id: String(task!.item.project_id) }),
};

/**
 * A trigger's list in the sandbox: its kind of record, the trigger's input, and `add`, which makes
 * records where the trigger reads (leaves and time entries of USER, files on one task made for them).
 */
export const listFor = (control: Sandbox['control'], path: string) => {
  const kind = KIND[path]!;
  const parentKind = PARENT[kind];
  const parent = parentKind ? control.addRecords(parentKind, 1)[0] : undefined;
  return {
    kind,
    input: INPUT[path]?.(parent) ?? {},
    add: (count: number, spacingMs?: number) => control.addRecords(kind, count, parent?.id ?? USER, spacingMs),
  };
};

/** Zapier's dedupe table: the primary key of every item seen; a poll fires what is not in it. */
export const dedupe = (key: string) => {
  const fields = (App.triggers[key]!.operation.outputFields as { key: string; primary?: boolean }[]).filter((f) => f.primary).map((f) => f.key);
  const keyOf = (item: Record<string, unknown>) => JSON.stringify((fields.length ? fields : ['id']).map((f) => item[f]));
  const seen = new Set<string>();
  return {
    seed: (items: Record<string, unknown>[]) => {
      for (const item of items) seen.add(keyOf(item));
    },
    poll: (items: Record<string, unknown>[]) => {
      const fresh = items.filter((item) => !seen.has(keyOf(item))).slice(0, POLL_LIMIT);
      for (const item of items) seen.add(keyOf(item));
      return fresh;
    },
  };
};

/** `count` COR IDs spread over the oldest, the middle and the newest of `ids`. */
export const spread = (ids: number[], count: number): number[] => {
  const third = Math.ceil(count / 3);
  const middle = Math.floor(ids.length / 2);
  const picked = [...ids.slice(0, third), ...ids.slice(middle, middle + third), ...ids.slice(-(count - 2 * third) || ids.length)];
  return [...new Set(picked)].slice(0, count);
};

/** Zapier's dedupe as it is for a flood: every unseen item fires (Zapier holds more than 100 for the user to confirm). */
export const flood = (key: string) => {
  const zap = dedupe(key);
  const seen = new Set<string>();
  return {
    seed: zap.seed,
    poll: (items: Record<string, unknown>[]) => {
      const primary = (App.triggers[key]!.operation.outputFields as { key: string; primary?: boolean }[]).filter((f) => f.primary).map((f) => f.key);
      const keyOf = (item: Record<string, unknown>) => JSON.stringify((primary.length ? primary : ['id']).map((f) => item[f]));
      const fresh = items.filter((item) => !seen.has(keyOf(item)) && zap.poll([item]).length === 1);
      for (const item of items) seen.add(keyOf(item));
      return fresh;
    },
  };
};
