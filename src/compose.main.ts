import 'reflect-metadata';
import * as fs from 'fs';
import * as path from 'path';
import { generatedSchemaFiles, ROOT } from './app/generated-files';

/** npm run compose: rewrites supergraph.graphql and schema.graphql. */
generatedSchemaFiles()
  .then((files) => {
    for (const [name, text] of Object.entries(files)) {
      fs.writeFileSync(path.join(ROOT, name), text);
      console.log(`wrote ${name}`);
    }
  })
  .catch((err: Error) => {
    console.error(err.message);
    process.exit(1);
  });
