#!/usr/bin/env node
// Regenerates src/schema/generated/ (the documentSchema of each stream) from
// fixtures/gitlab-api-examples and src/schema/streams.ts. It runs the compiled generator, so
// build first: `npx tsc -p tsconfig.json && node scripts/generate-schemas.mjs`.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const generator = join(root, 'dist', 'src', 'schema', 'generate.js');
if (!existsSync(generator)) {
  console.error(`generate-schemas: ${generator} is missing; run \`npx tsc -p tsconfig.json\` first`);
  process.exit(1);
}
const { writeGenerated, GENERATED_DIR } = await import(pathToFileURL(generator).href);
const { written, removed } = writeGenerated(root);
for (const file of written) console.log(`wrote ${GENERATED_DIR}/${file}`);
for (const file of removed) console.log(`removed ${GENERATED_DIR}/${file}`);
if (written.length === 0 && removed.length === 0) console.log(`${GENERATED_DIR} is up to date`);
