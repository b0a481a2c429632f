/**
 * Form bodies read the way OpenAPI serialises them by default (style `form`, explode `true`): each
 * key is one field and a repeated key (`usersIds=1&usersIds=2`) is an array. Values stay text: the
 * contract check coerces them per the schema, and the sandbox's handlers get them as sent.
 */

/** A form's fields: a string, or the strings of a repeated key. */
export type FormFields = Record<string, string | string[]>;

/** A file part of a multipart body. */
export interface FilePart {
  filename: string;
  type: string;
  size: number;
}

export interface MultipartBody {
  fields: FormFields;
  files: Record<string, FilePart[]>;
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

/** A `multipart/form-data` body (`contentType` carries its boundary), read by Node's own fetch implementation. */
export const multipartBody = async (body: Uint8Array | string, contentType: string): Promise<MultipartBody> => {
  const form = await new Response(typeof body === 'string' ? body : new Uint8Array(body), { headers: { 'content-type': contentType } }).formData();
  const texts: [string, string][] = [];
  const files: [string, FilePart][] = [];
  for (const [name, value] of form) {
    if (typeof value === 'string') texts.push([name, value]);
    else files.push([name, { filename: value.name, type: value.type, size: value.size }]);
  }
  return { fields: fieldsOf(texts), files: grouped(files) };
};
