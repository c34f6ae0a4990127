// The generated parts of the docs (scripts/docs.ts) match the code: a new audit event, setting or
// series without its line in the docs fails here. `npm run docs` writes them.
import test from 'ava';
import { GENERATED, readDoc, withBlock } from '../../scripts/docs.js';

for (const block of GENERATED) {
  test(`${block.file}: the ${block.name} block is what the code says (npm run docs)`, (t) => {
    const text = readDoc(block.file);
    t.is(text, withBlock(text, block));
  });
}
