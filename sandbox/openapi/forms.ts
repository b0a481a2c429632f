/**
 * Form bodies read the way OpenAPI serialises them by default (style `form`, explode `true`): each
 * key is one field and a repeated key (`usersIds=1&usersIds=2`) is an array. Values stay text: the
 * contract check coerces them per the schema, and the sandbox's handlers get them as sent.
 *
 * A multipart body is read as a stream, by busboy: its text fields are kept, each file part is
 * written to a temporary file as it arrives (or only counted, where no directory is given), so a
 * body of any size costs a few chunks of memory. The same reader serves the sandbox's parser (the
 * request's stream) and the contract check of a whole body (bytes nock got).
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';

/** A form's fields: a string, or the strings of a repeated key. */
export type FormFields = Record<string, string | string[]>;

/** A file part of a multipart body. */
export interface FilePart {
  /** The name its Content-Disposition gives (UTF-8), without any directory. */
  filename: string;
  /** Its Content-Type (`text/plain` where the part gives none, as RFC 7578 says). */
  type: string;
  /** Bytes read: all of them, or `maxFileBytes + 1` for a part marked tooLarge. */
  size: number;
  /** The temporary file holding its bytes; absent where the reader only counted them. */
  path?: string;
  /** Larger than the reader's `maxFileBytes`: its bytes after the first `maxFileBytes + 1` were dropped. */
  tooLarge?: boolean;
}

export interface MultipartBody {
  fields: FormFields;
  files: Record<string, FilePart[]>;
}

export interface MultipartOptions {
  /** Where file parts are written; without it their bytes are counted and dropped. */
  dir?: string;
  /** A file part larger than this is read no further (busboy's fileSize limit) and marked tooLarge. */
  maxFileBytes?: number;
}

/** Groups repeated keys; Object.fromEntries keeps a key such as `__proto__` an ordinary field. */
const grouped = <T>(entries: Iterable<[string, T]>): Record<string, T[]> => {
  const groups = new Map<string, T[]>();
  for (const [name, value] of entries) groups.set(name, [...(groups.get(name) ?? []), value]);
  return Object.fromEntries(groups);
};

const fieldsOf = (entries: Iterable<[string, string]>): FormFields => Object.fromEntries(Object.entries(grouped(entries)).map(([name, values]) => [name, values.length === 1 ? values[0]! : values]));

/** An `application/x-www-form-urlencoded` body. */
export const formFields = (text: string): FormFields => fieldsOf(new URLSearchParams(text));

/** Every file part of a body (the sandbox's parsed body, or anything else: none). */
export const filePartsOf = (body: unknown): FilePart[] => {
  const files = (body as Partial<MultipartBody> | undefined)?.files;
  return files && typeof files === 'object' ? Object.values(files).flat() : [];
};

/** Deletes the temporary files of parts (one already moved away is no error). */
export const removeFileParts = async (parts: FilePart[]): Promise<void> => {
  await Promise.all(parts.map((part) => (part.path ? rm(part.path, { force: true }) : undefined)));
};

/** Where a file part's bytes go: a new temporary file in `dir`, or nowhere. */
const sinkFor = (part: FilePart, dir: string | undefined): Writable => {
  if (!dir) return new Writable({ write: (_chunk, _encoding, done) => done() });
  part.path = join(dir, `part-${randomBytes(12).toString('hex')}`);
  return createWriteStream(part.path);
};

/** Reads one file part to its end, counting its bytes. */
const readFilePart = async (stream: Readable & { truncated?: boolean }, part: FilePart, dir: string | undefined): Promise<void> => {
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      part.size += chunk.length;
      done(null, chunk);
    },
  });
  await pipeline(stream, counter, sinkFor(part, dir));
  if (stream.truncated) part.tooLarge = true;
};

/**
 * A `multipart/form-data` body read from a stream (`contentType` carries its boundary): its text
 * fields and its file parts. Rejects on a body that is not readable multipart (or a failed write),
 * having deleted the files it wrote.
 */
export const readMultipart = async (source: Readable, contentType: string, options: MultipartOptions = {}): Promise<MultipartBody> => {
  // busboy cuts a file at `fileSize` and calls a file of exactly that size cut: one byte more tells a larger file.
  const limits = options.maxFileBytes === undefined ? {} : { fileSize: options.maxFileBytes + 1 };
  const parser = busboy({ headers: { 'content-type': contentType }, defParamCharset: 'utf8', limits });
  const texts: [string, string][] = [];
  const files: [string, FilePart][] = [];
  const reads: Promise<void>[] = [];
  parser.on('field', (name, value) => texts.push([name, value]));
  parser.on('file', (name, stream, info) => {
    const part: FilePart = { filename: info.filename ?? '', type: info.mimeType, size: 0 };
    files.push([name, part]);
    const read = readFilePart(stream, part, options.dir);
    // A part that cannot be written stops the whole body (its stream would otherwise stall busboy).
    read.catch((error: Error) => parser.destroy(error));
    reads.push(read);
  });
  try {
    await pipeline(source, parser);
    await Promise.all(reads);
  } catch (error) {
    await Promise.allSettled(reads);
    await removeFileParts(files.map(([, part]) => part));
    throw error;
  }
  return { fields: fieldsOf(texts), files: grouped(files) };
};

/** A whole `multipart/form-data` body (the contract check of bytes nock got): read by the same reader, its files only counted. */
export const multipartBody = (body: Uint8Array | string, contentType: string): Promise<MultipartBody> => readMultipart(Readable.from([Buffer.from(body)]), contentType);
