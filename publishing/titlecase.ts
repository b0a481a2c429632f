/**
 * Title case as Zapier's check D018 applies it: a port of Python's `titlecase` package, which
 * Zapier names as its implementation (https://github.com/ppannuto/python-titlecase, v2.4.1),
 * with the `regex` module's Unicode word rules. A label passes when titlecase leaves it as it is.
 */
const SMALL = String.raw`a|an|and|as|at|but|by|en|for|if|in|of|on|or|the|to|v\.?|via|vs\.?`;
// PUNCT = !"“#$%&'‘()*+,\-–‒—―./:;?@[\\\]_`{|}~   (as a regex character-class body)
const PUNCT = '!"“#$%&\'‘()*+,\\-–‒—―.\\/:;?@\\[\\\\\\]_`{|}~';
// Python `regex` \w / \b are Unicode-aware; JS \b is ASCII-only, so emulate them.
const W = String.raw`[\p{L}\p{M}\p{N}\p{Pc}]`;
const B_BEFORE = `(?<!${W})`; // \b before a word char
const B_AFTER = `(?!${W})`; // \b after a word char

const SMALL_WORDS = new RegExp(`^(${SMALL})$`, 'iu');
const SMALL_FIRST = new RegExp(`^([${PUNCT}]*)(${SMALL})${B_AFTER}`, 'iu');
const SMALL_LAST = new RegExp(`${B_BEFORE}(${SMALL})[${PUNCT}]?$`, 'iu');
const SUBPHRASE = new RegExp(`([:.;?!\\-–‒—―][ ])(${SMALL})`, 'gu'); // NOTE: case-sensitive in Python
const MAC_MC = new RegExp(`^([Mm]c|MC)(${W}.+)`, 'u');
const MR_MRS_MS_DR = /^((m((rs?)|s))|Dr)$/i;
const INLINE_PERIOD = /\p{L}[.]\p{L}/iu;
const UC_ELSEWHERE = new RegExp(String.raw`^[${PUNCT}]*?\p{L}+\p{Lu}`, 'u');
const CAPFIRST = new RegExp(String.raw`^[${PUNCT}]*?(\p{L})`, 'u');
const APOS_SECOND = /^[dol]['‘]\p{L}+(?:['s]{2})?$/iu;
const UC_INITIALS = /^(?:\p{Lu}\.|\p{Lu}\.\p{Lu})+$/u;
const ALL_CONSONANTS = /^[bcdfghjklmnpqrstvwxz]+$/i;

// Python str.capitalize(): first char upper, rest lower.
const capitalize = (s: string): string => {
  const cps = Array.from(s);
  return cps.length ? cps[0]!.toUpperCase() + cps.slice(1).join('').toLowerCase() : s;
};
const cpLen = (s: string): number => Array.from(s).length;

/** One word as Python's titlecase writes it (before the first and last words get their capitals). */
const titlecaseWord = (word: string, allCaps: boolean): string => {
  if (allCaps && UC_INITIALS.test(word)) return word;
  if (APOS_SECOND.test(word)) {
    const cps = Array.from(word);
    const first = 'aeiouAEIOU'.includes(cps[0]!) ? cps[0]!.toUpperCase() : cps[0]!.toLowerCase();
    return first + cps[1]! + cps[2]!.toUpperCase() + cps.slice(3).join('');
  }
  const mac = MAC_MC.exec(word);
  if (mac) return capitalize(mac[1]!) + titlecase(mac[2]!, true);
  if (MR_MRS_MS_DR.test(word)) {
    const cps = Array.from(word);
    return cps[0]!.toUpperCase() + cps.slice(1).join('');
  }
  if (INLINE_PERIOD.test(word) || (!allCaps && UC_ELSEWHERE.test(word))) return word;
  if (SMALL_WORDS.test(word)) return word.toLowerCase();
  if (word.includes('/') && !word.includes('//'))
    return word
      .split('/')
      .map((t) => titlecase(t, false))
      .join('/');
  if (word.includes('-'))
    return word
      .split('-')
      .map((t) => titlecase(t, false))
      .join('-');
  const lower = allCaps ? word.toLowerCase() : word;
  if (ALL_CONSONANTS.test(lower) && cpLen(lower) > 2) return lower.toUpperCase();
  return lower.replace(CAPFIRST, (m) => m.toUpperCase());
};

/** Python's `titlecase(text)`, line by line, keeping the whitespace between words. */
export function titlecase(text: string, smallFirstLast = true): string {
  return text
    .split(/[\r\n]+/)
    .map((line) => {
      const allCaps = line.toUpperCase() === line;
      const split = line.split(/(\s)/u);
      const spaces = split.filter((_, i) => i % 2 === 1);
      const tc = split.filter((_, i) => i % 2 === 0).map((word) => titlecaseWord(word, allCaps));
      if (smallFirstLast && tc.length) {
        tc[0] = tc[0]!.replace(SMALL_FIRST, (_m, p: string, s: string) => p + capitalize(s));
        tc[tc.length - 1] = tc[tc.length - 1]!.replace(SMALL_LAST, (m) => capitalize(m));
      }
      const joined = tc.map((w, i) => w + (spaces[i] ?? '')).join('');
      return joined.replace(SUBPHRASE, (_m, p: string, s: string) => p + capitalize(s));
    })
    .join('\n');
}
