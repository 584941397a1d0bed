import * as fs from 'fs';
import * as path from 'path';
import { EXPLORER_BUNDLE } from '../../src/app/explorer-pages';
import {
  buildExplorerBundle,
  EXPLORER_BUNDLE_FILE,
  EXPLORER_BUNDLE_HEADER,
  ROOT,
} from '../../scripts/explorer-bundle';

describe("the explorer's bundle (npm run build:explorer)", () => {
  let fresh: string;
  beforeAll(async () => {
    fresh = await buildExplorerBundle();
  }, 60000);

  it('is checked in where the gateway serves it from, and equals a fresh build (run `npm run build:explorer` when this fails)', () => {
    expect(EXPLORER_BUNDLE).toBe(EXPLORER_BUNDLE_FILE);
    const file = path.relative(ROOT, EXPLORER_BUNDLE_FILE);
    expect({ file, exists: fs.existsSync(EXPLORER_BUNDLE_FILE) }).toEqual({ file, exists: true });
    // compared by length and hash-like sample first: a 700 KiB diff in a failure message helps no one
    const checkedIn = fs.readFileSync(EXPLORER_BUNDLE_FILE, 'utf8');
    expect({ file, stale: checkedIn !== fresh, length: checkedIn.length }).toEqual({
      file,
      stale: false,
      length: fresh.length,
    });
  });

  it('starts with the do-not-edit header and holds the libraries, not a reference to any CDN', () => {
    expect(fresh.startsWith(EXPLORER_BUNDLE_HEADER)).toBe(true);
    expect(EXPLORER_BUNDLE_HEADER).toMatch(/do not edit/);
    // Cytoscape's and Plot's own code is inside, so the page needs nothing from elsewhere
    expect(fresh).toContain('cytoscape');
    expect(fresh).toMatch(/plot-d6a7b5|observablehq/i);
    expect(fresh).not.toMatch(/https?:\/\/(cdn|unpkg|cdnjs|esm\.sh)/);
  });
});
