/**
 * Files a step outputs: references Zapier keeps instead of bytes (dehydrated), which it turns into
 * the file only when a later step uses it (the hydrator). The reference holds the file's link and
 * name, never a token: the hydrator signs in with the connection at that moment, on COR's hosts only.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import type { Item } from '../records/item.js';
import type { RecordOutputs } from '../records/outputs.js';
import { fileFailure, isFileUrl, openDownload } from '../request/downloads.js';

/** The hydrator (app.hydrators.downloadFile): downloads the file and hands it to Zapier's file storage, streamed through a temporary file. */
export const downloadFile = async (z: ZObject, bundle: Bundle): Promise<string> => {
  const { url, name } = (bundle.inputData ?? {}) as { url?: unknown; name?: unknown };
  if (typeof url !== 'string' || !isFileUrl(url)) throw new z.errors.Error('This file reference has no link to download it from. Test the trigger step again.', 'InvalidFileReference');
  const file = await openDownload(z, bundle, url, 'the file');
  // A failure of the download itself (too large, cut off) is described; one of Zapier's storage is Zapier's own.
  let broken: unknown;
  file.stream.once('error', (error) => {
    broken = error;
  });
  try {
    return await z.stashFile(file.stream, file.size, typeof name === 'string' && name !== '' ? name : file.filename, file.contentType);
  } catch (error) {
    throw broken === undefined ? error : fileFailure(z, bundle, broken, 'the file', url);
  }
};

/** The item with each `file` output as a reference to its link (null stays null): nothing is downloaded now. */
export const withFileReferences = (z: ZObject, outputs: RecordOutputs, item: Item): Item => {
  const files = outputs.fields.filter((f) => f.type === 'file');
  if (!files.length) return item;
  const named = typeof item.name === 'string' ? { name: item.name } : {};
  return {
    ...item,
    ...Object.fromEntries(files.map((f) => [f.key, typeof item[f.key] === 'string' && isFileUrl(item[f.key] as string) ? z.dehydrateFile(downloadFile, { url: item[f.key], ...named }) : null])),
  };
};
