// Jest transform for our TypeScript: Node 22's own type stripping.
// ts-jest does not support TypeScript 7, and the native-binding transforms (@swc/jest)
// cannot be locked for every platform from this registry. Our code uses only erasable
// syntax (tsconfig `erasableSyntaxOnly`), so removing the types is the whole transform;
// type checking is `tsc --noEmit` over the same files, run by `npm test` first.
'use strict';
const { stripTypeScriptTypes } = require('node:module');
const { createHash } = require('node:crypto');

module.exports = {
  process(sourceText) {
    return { code: stripTypeScriptTypes(sourceText, { mode: 'strip' }) };
  },
  getCacheKey(sourceText, sourcePath) {
    return createHash('sha256').update(process.version).update(sourcePath).update(sourceText).digest('hex');
  },
};
