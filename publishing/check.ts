/** The publishing check for this app: its context, and a per-rule summary of the report. */
import zapier from 'zapier-platform-core';
import { DEFAULT_API_BASE_URL, DEFAULT_INTEGRATIONS_BASE_URL } from '../src/request/config.js';
import { applyExceptions, type Report } from './exceptions.js';
import type { AppDefinition } from './model.js';
import { checkApp, type Context, RULES } from './rules.js';

/** The newest zapier-platform-core release, from `npm view zapier-platform-core version` on the date given. */
export const LATEST_CORE = { version: '19.1.0', checked: '2026-11-23' };

export const corContext = (): Context => ({
  appName: 'COR',
  baseUrls: [DEFAULT_API_BASE_URL, DEFAULT_INTEGRATIONS_BASE_URL],
  installedCore: zapier.version,
  latestCore: LATEST_CORE.version,
});

export const publishingReport = (app: unknown, context = corContext()): Report => applyExceptions(checkApp(app as AppDefinition, context));

/** One row per rule: how many findings fail, and how many an argued exception covers. */
export const summaryOf = (report: Report): { code: string; title: string; failing: number; excepted: number }[] => {
  const excepted = [...report.excepted.entries()];
  const codes = [...new Set([...RULES.map((r) => r.code), ...report.failures.map((f) => f.code)])];
  return codes.map((code) => ({
    code,
    title: RULES.find((r) => r.code === code)?.title ?? '',
    failing: report.failures.filter((f) => f.code === code).length,
    excepted: excepted.filter(([e]) => e.code === code).reduce((n, [, covered]) => n + covered.length, 0),
  }));
};
