import * as fs from 'fs';
import * as path from 'path';
import { buildExplorerBundle, EXPLORER_BUNDLE_FILE, ROOT } from './explorer-bundle';

// npm run build:explorer: rewrites the explorer's checked-in bundle from src/explorer.
buildExplorerBundle().then(
  (bundle) => {
    fs.mkdirSync(path.dirname(EXPLORER_BUNDLE_FILE), { recursive: true });
    fs.writeFileSync(EXPLORER_BUNDLE_FILE, bundle);
    console.log(
      `wrote ${path.relative(ROOT, EXPLORER_BUNDLE_FILE)} (${Math.round(bundle.length / 1024)} KiB)`,
    );
  },
  (error: Error) => {
    console.error(error.message);
    process.exit(1);
  },
);
