import 'reflect-metadata';
import * as fs from 'fs';
import * as path from 'path';
import { generatedSchemaFiles, ROOT } from './app/generated-files';

/** npm run compose (and `lam-atlas compose`): rewrites supergraph.graphql and schema.graphql. */
export async function main(): Promise<void> {
  for (const [name, text] of Object.entries(await generatedSchemaFiles())) {
    fs.writeFileSync(path.join(ROOT, name), text);
    console.log(`wrote ${name}`);
  }
}

if (require.main === module) {
  main().catch((err: Error) => {
    console.error(err.message);
    process.exit(1);
  });
}
