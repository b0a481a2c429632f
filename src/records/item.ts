/** What COR sends, as types: JSON values, and an item of a list with its COR ID in one canonical form. */

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export type Item = Record<string, unknown>;

/** The COR ID of an item in one form ("12" for 12 and "12"), or undefined when it has none. */
export const idOf = (item: Item): string | undefined => {
  const id = item.id;
  if (typeof id === 'number') return Number.isSafeInteger(id) ? String(id) : undefined;
  if (typeof id !== 'string' || id.trim() === '') return undefined;
  const text = id.trim();
  return /^\d+$/.test(text) && Number.isSafeInteger(Number(text)) ? String(Number(text)) : text;
};

/** COR IDs in order, whatever their size: whole numbers by value (as text, so beyond 2^53 too), others as text. */
export const compareIds = (a: string, b: string): number => {
  const whole = /^\d+$/;
  if (whole.test(a) && whole.test(b)) return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
  return a < b ? -1 : a > b ? 1 : 0;
};
