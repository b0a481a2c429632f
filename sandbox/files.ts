/**
 * Files the sandbox and its second host keep on disk: a directory per server under the system's
 * temporary directory (removed when the server closes), a store of kept files moved there from the
 * multipart reader's temporary files, how a file is served (its headers, its bytes), and how a
 * server closes while a file may still be on its way.
 */
import type { FastifyInstance } from 'fastify';
import { randomBytes } from 'node:crypto';
import { createReadStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A new directory of the system's temporary directory, for one server's files. */
export const serverDir = (prefix: string): string => mkdtempSync(join(tmpdir(), `${prefix}-`));

/** The Content-Type for a file name's extension (a few common ones; anything else is bytes). */
const CONTENT_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  svg: 'image/svg+xml',
  txt: 'text/plain',
  csv: 'text/csv',
  html: 'text/html',
  json: 'application/json',
  zip: 'application/zip',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ppt: 'application/vnd.ms-powerpoint',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};

/** A file name's extension, lower case, without the dot ('' for none). */
export const extensionOf = (name: string): string => /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';

/** The Content-Type of a file by its name's extension; `fallback` for an extension not known here. */
export const contentTypeOf = (name: string, fallback = 'application/octet-stream'): string => CONTENT_TYPES[extensionOf(name)] ?? fallback;

/** `attachment` with the name: an ASCII fallback, and the name itself as RFC 6266's `filename*`. */
export const attachmentDisposition = (name: string): string => {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
};

/** A store of files under `dir`, each by a random token; emptied by clear(). */
export const createFileStore = (dir: string) => {
  mkdirSync(dir, { recursive: true });
  return {
    /** Moves a temporary file (on the same disk) into the store; its new token and path. */
    async keep(path: string): Promise<{ token: string; path: string }> {
      const token = randomBytes(16).toString('hex');
      const kept = join(dir, token);
      await rename(path, kept);
      return { token, path: kept };
    },
    /** Deletes one kept file. */
    remove: (path: string) => rm(path, { force: true }),
    /** Deletes every kept file. */
    clear() {
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
    },
  };
};

export type FileStore = ReturnType<typeof createFileStore>;

/**
 * A kept file's bytes as a stream that ends with its last byte: without `end`, a file stream reads
 * once more to find the end, so a client holding every byte (it knows their number) can see the
 * answer complete while the server still has it open.
 */
export const fileStream = (path: string, size: number) => createReadStream(path, size > 0 ? { end: size - 1 } : {});

/**
 * Stops a server: no new connection; one busy with an answer when close() came (a file on its way) is
 * closed as soon as it is idle, not left open for the keep-alive timeout (fastify's close ends only
 * the connections idle at that moment); one still busy after `graceMs` (a client that stopped
 * reading) is cut.
 */
export const closeServer = async (app: FastifyInstance, graceMs = 1000): Promise<void> => {
  const started = Date.now();
  const sweep = setInterval(() => (Date.now() - started > graceMs ? app.server.closeAllConnections() : app.server.closeIdleConnections()), 20);
  try {
    await app.close();
  } finally {
    clearInterval(sweep);
  }
};
