import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../..');
const SUBGRAPHS = path.join(ROOT, 'src/subgraphs');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'fixtures' ? [] : sourceFiles(full);
    return /\.(ts|js)$/.test(e.name) ? [full] : [];
  });
}

/** Every relative import of a file, resolved to a path under the root. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:from|import|require\()\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map(
    (m) => m[1],
  );
  return specifiers.map((s) => path.resolve(path.dirname(file), s));
}

/** The subgraph folder a path is in (`catalog`), and whether it is the folder's index itself. */
function subgraphOf(target: string): { name: string; inner: boolean } | null {
  const rel = path.relative(SUBGRAPHS, target);
  if (rel.startsWith('..') || rel === '') return null;
  if (!rel.includes(path.sep)) {
    // the folder itself (its index), or a file beside the subgraph folders
    return fs.existsSync(path.join(SUBGRAPHS, rel)) && fs.statSync(path.join(SUBGRAPHS, rel)).isDirectory()
      ? { name: rel, inner: false }
      : null;
  }
  const [name, ...rest] = rel.split(path.sep);
  return { name, inner: !(rest.length === 1 && /^index(\.ts)?$/.test(rest[0])) };
}

const FILES = ['src', 'test', 'bench', 'scripts', 'examples'].flatMap((d) => sourceFiles(path.join(ROOT, d)));

describe('module boundaries', () => {
  it('finds the source files it checks', () => {
    expect(FILES.length).toBeGreaterThan(100);
    expect(FILES).toContain(path.join(SUBGRAPHS, 'catalog/index.ts'));
  });

  it("imports no subgraph's inner files from outside that subgraph, and no subgraph imports another", () => {
    const crossings: string[] = [];
    for (const file of FILES) {
      const own = subgraphOf(file)?.name;
      for (const target of importsOf(file)) {
        const into = subgraphOf(target);
        if (!into || into.name === own) continue;
        if (into.inner || own)
          crossings.push(`${path.relative(ROOT, file)} -> ${path.relative(ROOT, target)}`);
      }
    }
    expect(crossings).toEqual([]);
  });

  it('keeps src/data and src/common free of the application and the gateway', () => {
    const upward = FILES.filter((f) => /\/src\/(data|common)\//.test(f)).flatMap((file) =>
      importsOf(file)
        .filter((t) => /\/src\/(app|gateway|cli)(\/|$)/.test(t))
        .map((t) => `${path.relative(ROOT, file)} -> ${path.relative(ROOT, t)}`),
    );
    expect(upward).toEqual([]);
  });
});
