/**
 * The one redactor. A secret must not leave the app in any form: not in a message, an error
 * code, an output or a log line. The connection's API key, client secret and access token are
 * blanked as typed and trimmed, URL-encoded, base64-encoded, and as the base64 of `key:secret`
 * (the Basic credentials), with or without a `Basic`/`Bearer` prefix in any case. Zapier's own
 * log scrubber learns the derived forms too (see `teachLogScrubber`).
 */
import type { Bundle } from 'zapier-platform-core';

/** Shorter values are not treated as secrets (they would blank ordinary text). */
const MIN_SECRET_LENGTH = 6;
export const REDACTED = '[redacted]';

const CREDENTIAL_KEYS = ['api_key', 'client_secret', 'access_token'] as const;

const base64 = (text: string): string => Buffer.from(text).toString('base64');

/** Every form in which one of the connection's secrets could appear, longest first. */
export const secretForms = (authData: Record<string, unknown> | undefined): string[] => {
  const values = CREDENTIAL_KEYS.map((key) => authData?.[key]).filter((v): v is string => typeof v === 'string');
  const raw = values.flatMap((v) => [v, v.trim()]);
  const key = String(authData?.api_key ?? '');
  const secret = String(authData?.client_secret ?? '');
  const pairs = key && secret ? [base64(`${key}:${secret}`), base64(`${key.trim()}:${secret.trim()}`)] : [];
  const encoded = [...raw.map(base64), ...pairs].flatMap((v) => [v, encodeURIComponent(v)]);
  // Plain text is blanked in its trimmed form, so that the spaces around it stay.
  const plain = values.map((v) => v.trim()).flatMap((v) => [v, encodeURIComponent(v), JSON.stringify(v).slice(1, -1)]);
  return [...new Set([...plain, ...encoded])].filter((v) => v.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
};

/**
 * A credential after `Basic`/`Bearer`, in any case: a run of token characters with a digit or
 * one of `+/=._-` in it, so that "Basic information is required" stays as it is.
 */
const PREFIXED = /\b(basic|bearer)(\s+)(?=[A-Za-z0-9+/=._~-]*[0-9+/=._~-])[A-Za-z0-9+/=._~-]{8,}/gi;

/**
 * secretForms, worked out once per connection's values: redact runs on every key and text of every
 * output, and deriving the forms each time took a third of a poll's time (measured in the polling suite).
 */
const formsByAuthData = new WeakMap<object, { of: string; forms: string[] }>();
const formsOf = (authData: Record<string, unknown> | undefined): string[] => {
  if (!authData) return [];
  const of = JSON.stringify(CREDENTIAL_KEYS.map((key) => authData[key]));
  const known = formsByAuthData.get(authData);
  if (known?.of === of) return known.forms;
  const forms = secretForms(authData);
  formsByAuthData.set(authData, { of, forms });
  return forms;
};

/** Text with each of the forms, and anything that looks like a credential, blanked. */
const blankSecrets = (text: string, forms: string[]): string => {
  let out = text;
  for (const form of forms) if (out.includes(form)) out = out.split(form).join(REDACTED);
  return out.replace(PREFIXED, (_m, word: string, space: string) => `${word}${space}${REDACTED}`);
};

/** Text with every secret of the connection, and anything that looks like a credential, blanked. */
export const redact = (text: string, bundle: Pick<Bundle, 'authData'> | undefined): string => blankSecrets(text, formsOf(bundle?.authData));

/**
 * An output with every secret blanked, in its keys and text at any depth: COR may echo the token in a
 * field of a success answer as it may in an error. What is not text is kept as it is.
 */
export const redactOutput = <T>(value: T, bundle: Pick<Bundle, 'authData'> | undefined): T => {
  const forms = formsOf(bundle?.authData);
  const blank = (v: unknown): unknown => {
    if (typeof v === 'string') return blankSecrets(v, forms);
    if (Array.isArray(v)) return v.map(blank);
    if (v === null || typeof v !== 'object') return v;
    return Object.fromEntries(Object.entries(v).map(([key, inner]) => [blankSecrets(key, forms), blank(inner)]));
  };
  return blank(value) as T;
};

/** The forms Zapier's log scrubber derives from each authData value by itself. */
const scrubberForms = (value: string): string[] => [value, encodeURIComponent(value), encodeURIComponent(value).replace(/%20/g, '+'), JSON.stringify(value).slice(1, -1), base64(value)];

/**
 * Zapier's logger blanks every value of authData, and their base64, but not the base64 of the
 * key:secret pair nor trimmed copies of what was pasted. Those forms are added to the step's
 * authData, and only those: the scrubber's work on every log line grows with each value it knows.
 * (They are not stored: only the session call's output is.)
 */
export const teachLogScrubber = (bundle: Bundle): void => {
  const authData = bundle.authData as Record<string, string> | undefined;
  if (!authData || Object.isFrozen(authData) || authData.derived_secret_0 !== undefined) return;
  // The scrubber skips values under 6 characters, and everything it derives from them.
  const covered = new Set(
    Object.values(authData)
      .filter((v) => typeof v === 'string' && v.length >= MIN_SECRET_LENGTH)
      .flatMap(scrubberForms),
  );
  const taught: string[] = [];
  for (const form of formsOf(authData)) {
    if (covered.has(form)) continue;
    taught.push(form);
    for (const derived of scrubberForms(form)) covered.add(derived);
  }
  taught.forEach((form, i) => {
    authData[`derived_secret_${i}`] = form;
  });
};
