/**
 * Files that move between COR and other apps: a download opened as a stream, never read whole.
 * The connection's token goes only to COR's own hosts (the origins of its two APIs); a file kept
 * anywhere else (Zapier's storage, a link from another app, COR's storage provider) is fetched
 * without it. Redirects from a COR host are followed by hand, so the token never follows them.
 */
import { type Readable, Transform } from 'node:stream';
import type { Bundle, HttpRequestOptions, ZObject } from 'zapier-platform-core';
import { apiBaseUrl, integrationsBaseUrl } from './config.js';
import { msLeft } from './deadline.js';
import { redact } from './redact.js';

/**
 * The largest file a step moves: Zapier's limit on a file it hydrates is 150 MB, and it advises
 * staying below ~100 MB ("Hydration/dehydration limits", docs.zapier.com/platform/build/hydration-limits).
 */
export const MAX_FILE_BYTES = 100 * 1024 * 1024;
export const MAX_FILE_TEXT = '100 MB';
/** The limit, or COR_MAX_FILE_BYTES where set (tests use a small one). */
export const maxFileBytes = (): number => Number(process.env.COR_MAX_FILE_BYTES) || MAX_FILE_BYTES;
const limitText = (): string => (maxFileBytes() === MAX_FILE_BYTES ? MAX_FILE_TEXT : `${maxFileBytes()} bytes`);

/** Redirects a download follows before it gives up. */
const MAX_REDIRECTS = 5;

/** An opened download: its bytes as a stream, and what its answer said about them. */
export interface Download {
  stream: Readable;
  filename: string;
  contentType: string;
  /** Bytes, where the answer gave their number (and no compression changes it). */
  size?: number;
}

/** Whether a URL is on one of COR's hosts: only those get the connection's token. */
export const isCorUrl = (url: string): boolean => {
  try {
    const origin = new URL(url).origin;
    return [apiBaseUrl(), integrationsBaseUrl()].some((base) => new URL(base).origin === origin);
  } catch {
    return false;
  }
};

/** A URL a step can fetch a file from: http or https, nothing else. */
export const isFileUrl = (value: string): boolean => {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
};

/** The name in a Content-Disposition header (RFC 6266: filename* first), or undefined. */
const dispositionName = (header: string | null | undefined): string | undefined => {
  if (!header) return undefined;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header)?.[1];
  if (star) {
    try {
      return decodeURIComponent(star.trim());
    } catch {
      // fall through to the plain name
    }
  }
  return /filename\s*=\s*"?([^";]+)"?/.exec(header)?.[1]?.trim() || undefined;
};

/** The last segment of the URL's path, or undefined. */
const pathName = (url: string): string | undefined => {
  try {
    return decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '') || undefined;
  } catch {
    return undefined;
  }
};

/**
 * A file name a multipart part header can carry and COR can keep: no directory, no control characters,
 * no double quote (it would end the header's filename="…", and COR would see no file), at most 255 characters.
 */
export const safeFileName = (name: string): string =>
  name
    .replace(/[\\/]/g, '_')
    .replace(/"/g, "'")
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim()
    .slice(-255) || 'file';

type RawResponse = { status: number; headers: { get: (name: string) => string | null }; body: Readable };

/** One request of a download: the token only for COR's hosts; a redirect is reported, not followed, where the token was sent. */
const fetchOnce = async (z: ZObject, bundle: Bundle, url: string, what: string): Promise<RawResponse> => {
  const toCor = isCorUrl(url);
  const request: HttpRequestOptions & { url: string; signal: AbortSignal } = {
    url,
    method: 'GET',
    raw: true,
    redirect: toCor ? 'manual' : 'follow',
    signal: AbortSignal.timeout(Math.max(1, msLeft(bundle))),
    skipThrowForStatus: true,
    middlewareData: { cor: { download: what } },
  };
  try {
    return (await z.request(request)) as unknown as RawResponse;
  } catch (error) {
    // Core reads any 401 as COR's session expiring; from another host it is that host refusing the file.
    if ((error as Error).name === 'RefreshAuthError' && !toCor) throw downloadError(z, bundle, 401, url, what);
    throw ['RefreshAuthError', 'AppError', 'ThrottledError'].includes((error as Error).name) ? error : fileFailure(z, bundle, error, what, url);
  }
};

/** The bytes as they arrive, failing with `tooLarge` once more than the limit came (node-fetch's own cap skips streamed bodies). */
const capped = (body: Readable, tooLarge: () => Error): Readable => {
  const limit = maxFileBytes();
  let seen = 0;
  const counted = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      done(seen > limit ? tooLarge() : null, chunk);
    },
  });
  body.once('error', (error) => counted.destroy(error));
  return body.pipe(counted);
};

/** The file's bytes where the answer says (Content-Length, unless compression changes the number). */
const sizeOf = (response: RawResponse): number | undefined => {
  const header = response.headers.get('content-length');
  const length = Number(header);
  const encoded = (response.headers.get('content-encoding') ?? 'identity') !== 'identity';
  return header !== null && Number.isSafeInteger(length) && length >= 0 && !encoded ? length : undefined;
};

/** Opens `url` as a stream: the token only to COR's hosts, redirects followed without it. Failures are readDownload's. */
export const openDownload = async (z: ZObject, bundle: Bundle, url: string, what: string): Promise<Download> => {
  let current = url;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const response = await fetchOnce(z, bundle, current, what);
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      response.body.resume(); // nothing to read: free the socket
      current = new URL(location, current).href;
      continue;
    }
    const size = sizeOf(response);
    // Zapier would not move it: refused before anything else is asked (a file whose size is unknown is stopped at the limit).
    if (size !== undefined && size > maxFileBytes()) {
      response.body.destroy();
      throw fileTooLarge(z, what, size);
    }
    return {
      stream: capped(response.body, () => fileTooLarge(z, what)),
      filename: safeFileName(dispositionName(response.headers.get('content-disposition')) ?? pathName(current) ?? 'file'),
      contentType: response.headers.get('content-type')?.split(';')[0]?.trim() || 'application/octet-stream',
      ...(size !== undefined ? { size } : {}),
    };
  }
  throw new z.errors.Error(`The host of ${what} (${shownUrl(url, bundle)}) redirected more than ${MAX_REDIRECTS} times. Check the link, then replay the step.`, 'FileRedirected');
};

/** A URL as messages show it: its host and path, never its query (which may carry a signature). */
export const shownUrl = (url: string, bundle: Bundle): string => {
  try {
    const { origin, pathname } = new URL(url);
    return redact(`${origin}${pathname.length > 80 ? `${pathname.slice(0, 77)}...` : pathname}`, bundle);
  } catch {
    return 'the link given';
  }
};

/** What a failed download means, as a table: the first rule whose statuses include the answer's applies. */
const DOWNLOAD_RULES: { when: (status: number) => boolean; code: string; says: string }[] = [
  { when: (s) => s >= 300 && s < 400, code: 'FileRedirected', says: 'redirected without saying where. Check the link, then replay the step' },
  { when: (s) => s === 401 || s === 403, code: 'FileRefused', says: 'refused to give the file: the link may have expired or need a sign-in. Map a file, or a link anyone can open' },
  { when: (s) => s === 404 || s === 410, code: 'FileNotFound', says: 'has no file there: it may have been deleted, or the link expired. Check the link, then replay the step' },
  { when: (s) => s === 429 || s >= 500, code: 'FileHostUnavailable', says: 'could not give the file just now. Replay the step later' },
  { when: () => true, code: 'FileDownloadFailed', says: 'did not give the file. Check the link, then replay the step' },
];

/** afterResponse for a download: 2xx is the file; a redirect goes back to openDownload; anything else is a clear error. */
export const readDownload = (
  response: { status: number; headers: { get: (name: string) => string | null }; body?: Readable; request?: { url?: string } },
  z: ZObject,
  bundle: Bundle,
  what: string,
) => {
  const { status } = response;
  if (status >= 200 && status < 300) return response;
  if (status >= 300 && status < 400 && response.headers.get('location')) return response;
  response.body?.resume();
  throw downloadError(z, bundle, status, response.request?.url ?? '', what);
};

/** The error for a download answered with `status`, by the first rule of DOWNLOAD_RULES that applies. */
const downloadError = (z: ZObject, bundle: Bundle, status: number, url: string, what: string) => {
  const rule = DOWNLOAD_RULES.find((r) => r.when(status))!;
  return new z.errors.Error(`The host of ${what} (${shownUrl(url, bundle)}) ${rule.says}. (HTTP ${status})`, rule.code, status);
};

/** A file's size for messages: "52.4 MB". */
const megabytes = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** The error for a file above MAX_FILE_BYTES, before or while it moves. */
export const fileTooLarge = (z: ZObject, what: string, size?: number) =>
  new z.errors.Error(
    `${what[0]!.toUpperCase()}${what.slice(1)} is larger than ${limitText()}${size !== undefined ? ` (${megabytes(size)})` : ''}, the most a Zap step moves. Keep it in Google Drive, Dropbox or OneDrive and use Attach Cloud File to Task instead.`,
    'FileTooLarge',
  );

/** What stopped a download (the request, or its stream midway), for the Zap builder: too large, out of time, unreachable, or cut off. */
export const fileFailure = (z: ZObject, bundle: Bundle, error: unknown, what: string, url?: string) => {
  const e = error as { type?: string; name?: string; code?: string; message?: string };
  if (e?.name === 'AppError') return error; // ours already: the file is too large
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError' || e?.type === 'request-timeout' || e?.type === 'body-timeout') {
    return new z.errors.Error(
      `Moving ${what} took longer than the time a Zap step has. Replay the step; if it keeps happening, the file is too large for this connection: attach it by link instead.`,
      'Timeout',
    );
  }
  if (url && e?.type === 'system' && e.code && !['ECONNRESET', 'EPIPE'].includes(e.code)) {
    return new z.errors.Error(`Zapier could not reach the host of ${what} (${shownUrl(url, bundle)}: ${e.code}). Check the link, then replay the step.`, 'FileUnreachable');
  }
  const why = redact(String(e?.message ?? error), bundle).replace(/https?:\/\/\S+/g, (link) => shownUrl(link, bundle));
  return new z.errors.Error(`The download of ${what} broke off (${why.slice(0, 200)}). Replay the step.`, 'FileDownloadFailed');
};
