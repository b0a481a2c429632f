/**
 * Where COR lives, and the constants of its contract that every layer shares.
 * Base URLs are read on every request (not at import) so one build can be pointed
 * at production, a COR test environment or the local sandbox with environment variables.
 */

export const DEFAULT_API_BASE_URL = 'https://api.projectcor.com/v1';
export const DEFAULT_INTEGRATIONS_BASE_URL = 'https://integrations.projectcor.com';

const trimSlash = (url: string): string => url.replace(/\/+$/, '');

/** Main COR API v1: auth, `/me`, lists and searches (COR's own numeric IDs). */
export const apiBaseUrl = (): string => trimSlash(process.env.COR_API_BASE_URL || DEFAULT_API_BASE_URL);

/** Integrations API: writes by external ID (`/v2/integrations/...`). */
export const integrationsBaseUrl = (): string => trimSlash(process.env.COR_INTEGRATIONS_BASE_URL || DEFAULT_INTEGRATIONS_BASE_URL);

/** What the label of an action by external ID ends with ("Update Client by External ID"): messages name actions by it. */
export const BY_EXTERNAL_ID = ' by External ID';

/** An action by external ID, as its label reads: byExternalId('Create', 'User') → "Create User by External ID". */
export const byExternalId = (verb: string, noun: string): string => `${verb} ${noun}${BY_EXTERNAL_ID}`;

/** The 12 values COR documents for `metadata.source`, with what each one is. */
export const SOURCES = [
  { value: 'ZAPIER', label: 'Zapier (Zapier automation)' },
  { value: 'SALESFORCE', label: 'Salesforce (Salesforce CRM)' },
  { value: 'JIRA', label: 'Jira (Atlassian Jira project management)' },
  { value: 'QUICKBOOKS', label: 'QuickBooks (QuickBooks accounting)' },
  { value: 'MICROSOFT_DYNAMICS', label: 'Microsoft Dynamics (Microsoft Dynamics 365)' },
  { value: 'MICROSOFT_TEAMS', label: 'Microsoft Teams' },
  { value: 'GITHUB', label: 'GitHub (GitHub repository management)' },
  { value: 'OKTA', label: 'Okta (Okta identity management)' },
  { value: 'SAP', label: 'SAP (SAP enterprise system)' },
  { value: 'ADVERTMIND', label: 'Advertmind (Advertmind platform)' },
  { value: 'VBS', label: 'VBS (VBS system)' },
  { value: 'GLOBANT', label: 'Globant (Globant platform)' },
] as const;

export type Source = (typeof SOURCES)[number]['value'];
export const DEFAULT_SOURCE: Source = 'ZAPIER';

/** COR's documented user roles (`role_id`). */
export const ROLES = [
  { value: 1, label: 'C-Level' },
  { value: 2, label: 'Director' },
  { value: 3, label: 'Project Manager' },
  { value: 4, label: 'Collaborator' },
  { value: 5, label: 'Freelancer' },
  { value: 6, label: 'Client' },
] as const;

/**
 * A token this young that COR answers with 401 was not expired: the key behind it was revoked
 * or lost its rights, and getting yet another token would not help. (Tokens live 1 hour.)
 */
export const FRESH_TOKEN_MS = 60_000;

/** A task's status, as COR's OpenAPI document lists the codes (TaskUpdateInput); the English names are ours (unverified). */
export const TASK_STATUSES = [
  { value: 'nueva', label: 'New' },
  { value: 'en_proceso', label: 'In Progress' },
  { value: 'estancada', label: 'Stalled' },
  { value: 'finalizada', label: 'Finished' },
] as const;

/** A task's priority, as COR documents it: "0 = Low, 1 = Medium, 2 = High, 3 = Urgent". */
export const TASK_PRIORITIES = [
  { value: 0, label: 'Low' },
  { value: 1, label: 'Medium' },
  { value: 2, label: 'High' },
  { value: 3, label: 'Urgent' },
] as const;

/** The statuses `POST /hours/status-change` takes. */
export const TIME_ENTRY_STATUSES = [
  { value: 'pending', label: 'Pending' },
  { value: 'approved', label: 'Approved' },
  { value: 'discarded', label: 'Discarded' },
  { value: 'under_review', label: 'Under Review' },
  { value: 'invoiced', label: 'Invoiced' },
  { value: 'paid', label: 'Paid' },
] as const;

/** A project's status, as COR's Project schema lists it. */
export const PROJECT_STATUSES = [
  { value: 'active', label: 'Active' },
  { value: 'finished', label: 'Finished' },
  { value: 'suspended', label: 'Suspended' },
] as const;

/** How a project earns money (`income_type`), as COR's Project schema lists it. */
export const INCOME_TYPES = [
  { value: 'fee', label: 'Fee' },
  { value: 'one_time', label: 'One Time' },
  { value: 'hourly_rate', label: 'Hourly Rate' },
  { value: 'contract', label: 'Contract' },
] as const;

/** The name of a code among documented choices, or null. */
export const nameOf = (choices: readonly { value: string | number; label: string }[], code: unknown): string | null => choices.find((c) => c.value === code)?.label ?? null;
