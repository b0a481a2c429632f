/** src/ is built in floors: a file imports from its own floor or the floors below it, never above. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Bottom first: what COR sends, how the app talks to COR, the operation model, reading lists; the catalog reads them all. */
const FLOORS = ['records', 'request', 'model', 'reading', '.'];
const SRC = fileURLToPath(new URL('../src', import.meta.url));

const filesOf = (floor: string): string[] =>
  readdirSync(join(SRC, floor))
    .filter((name) => name.endsWith('.ts'))
    .map((name) => join(floor, name));

const importsOf = (file: string): string[] => [...readFileSync(join(SRC, file), 'utf8').matchAll(/from '(\.{1,2}\/[^']+)'/g)].map((m) => m[1]!);

/** The floor a relative import of a file in `floor` lands on. */
const floorOf = (floor: string, specifier: string): string => {
  const parts = join(floor, specifier).split('/');
  return parts.length > 1 && FLOORS.includes(parts[0]!) ? parts[0]! : '.';
};

describe('the floors of src/', () => {
  it.each(FLOORS.slice(0, -1))('every file of src/%s/ sits on a floor that exists', (floor) => {
    expect(filesOf(floor).length).toBeGreaterThan(0);
  });

  const rows = FLOORS.flatMap((floor) => filesOf(floor).map((file) => [file, floor] as const));
  it.each(rows)('%s imports nothing from a floor above its own', (file, floor) => {
    const above = importsOf(file).filter((specifier) => FLOORS.indexOf(floorOf(floor, specifier)) > FLOORS.indexOf(floor));
    expect(above).toEqual([]);
  });

  it('nothing in src/ imports the descriptions in creates/, triggers/ or searches/', () => {
    const outside = rows.flatMap(([file, floor]) => importsOf(file).filter((s) => /^(creates|triggers|searches)\//.test(join('src', floor, s))));
    expect(outside).toEqual([]);
  });
});

describe('what every action by external ID takes, added once', () => {
  /** Lines of src/ that use the field (or a Zapier field made from it), its definition, imports and comments aside. */
  const uses = (pattern: string) =>
    FLOORS.flatMap((floor) => filesOf(floor)).flatMap((file) =>
      readFileSync(join(SRC, file), 'utf8')
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => new RegExp(`\\b(${pattern})\\b`).test(line) && !new RegExp(`^(import|\\*|//|/\\*\\*|export const (${pattern})\\b)`).test(line))
        .map((line) => `${file}: ${line}`),
    );

  it.each([
    ['the source system', 'sourceSpec|sourceField'],
    ['the external ID', 'externalIdField'],
  ])('%s is put into an operation in one place (defineEntity), not at each call site', (_what, pattern) => {
    expect(uses(pattern)).toHaveLength(1);
  });
});
