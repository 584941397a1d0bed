import { execFile } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import { Kind, parse, OperationDefinitionNode } from 'graphql';
import * as path from 'path';
import { promisify } from 'util';
import * as generated from '../../src/client/generated/graphql';
import { GENERATED_HEADER } from '../../src/client/codegen/header';
import { parseJson } from '../helpers/graphql';

const ROOT = path.resolve(__dirname, '../..');
const GENERATED_DIR = 'src/client/generated';
const OPERATIONS_DIR = path.join(ROOT, 'src/client/operations');
const MANIFEST = 'persisted-documents.json';

interface Output {
  filename: string;
  content: string;
}

const relative = (filename: string) =>
  path.relative(ROOT, path.resolve(ROOT, filename)).split(path.sep).join('/');
const manifest = () => parseJson<Record<string, string>>(fs.readFileSync(path.join(ROOT, MANIFEST), 'utf8'));

/** The operation name of each file of src/client/operations; a file of fragments only has none. */
function operationFiles(): { file: string; name: string }[] {
  return fs
    .readdirSync(OPERATIONS_DIR)
    .filter((f) => f.endsWith('.graphql'))
    .flatMap((file) => {
      const { definitions } = parse(fs.readFileSync(path.join(OPERATIONS_DIR, file), 'utf8'));
      const ops = definitions.filter(
        (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
      );
      if (ops.length === 0 && definitions.every((d) => d.kind === Kind.FRAGMENT_DEFINITION)) return [];
      if (ops.length !== 1 || !ops[0].name) throw new Error(`${file}: expected exactly one named operation`);
      return [{ file, name: ops[0].name.value }];
    });
}

// The codegen CLI's API with codegen.yml; `generate(config, false)` keeps the outputs in memory. It runs in a
// child process, as `npm run codegen` runs it (the CLI's ES module build): jest's module loader cannot load it.
const GENERATE_IN_MEMORY = `
(async () => {
  const { generate, loadCodegenConfig } = await import('@graphql-codegen/cli');
  const loaded = await loadCodegenConfig({ configFilePath: 'codegen.yml' });
  const outputs = await generate({ ...loaded.config, cwd: process.cwd(), silent: true }, false);
  process.stdout.write(JSON.stringify(outputs.map((o) => ({ filename: o.filename, content: o.content }))));
})().catch((e) => { console.error(e); process.exit(1); });`;

let fresh: Output[];

beforeAll(async () => {
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', GENERATE_IN_MEMORY], {
    cwd: ROOT,
    maxBuffer: 64 * 1024 * 1024,
  });
  fresh = (JSON.parse(stdout) as Output[]).map((o) => ({
    filename: relative(o.filename),
    content: o.content,
  }));
}, 60000);

describe('generated client (npm run codegen)', () => {
  it('writes the typed documents into src/client/generated and the manifest at the root', () => {
    expect(fresh.map((o) => o.filename).sort()).toEqual([
      MANIFEST,
      `${GENERATED_DIR}/gql.ts`,
      `${GENERATED_DIR}/graphql.ts`,
      `${GENERATED_DIR}/index.ts`,
    ]);
  });

  it('the checked-in files equal a fresh generation (run `npm run codegen` when this fails)', () => {
    for (const output of fresh) {
      const file = path.join(ROOT, output.filename);
      expect({ file: output.filename, exists: fs.existsSync(file) }).toEqual({
        file: output.filename,
        exists: true,
      });
      expect({ file: output.filename, content: fs.readFileSync(file, 'utf8') }).toEqual({
        file: output.filename,
        content: output.content,
      });
    }
    const produced = new Set(fresh.map((o) => o.filename));
    const stale = fs
      .readdirSync(path.join(ROOT, GENERATED_DIR))
      .map((f) => `${GENERATED_DIR}/${f}`)
      .filter((f) => !produced.has(f));
    expect(stale).toEqual([]);
  });

  it('every generated TypeScript file starts with the do-not-edit header', () => {
    for (const output of fresh.filter((o) => o.filename.endsWith('.ts'))) {
      expect({ file: output.filename, head: output.content.slice(0, GENERATED_HEADER.length) }).toEqual({
        file: output.filename,
        head: GENERATED_HEADER,
      });
    }
    expect(GENERATED_HEADER).toMatch(/do not edit/);
  });
});

describe('persisted-documents manifest', () => {
  it('maps each hash to the document whose sha256 it is', () => {
    const entries = Object.entries(manifest());
    expect(entries.length).toBeGreaterThan(0);
    for (const [hash, document] of entries) {
      expect(hash).toBe(`sha256:${createHash('sha256').update(document, 'utf8').digest('hex')}`);
    }
  });

  it('holds one document per operation file, and each generated document carries its hash', () => {
    const ops = operationFiles();
    const docs = manifest();
    expect(Object.keys(docs)).toHaveLength(ops.length);
    const byName = new Map(
      Object.entries(docs).map(([hash, doc]) => [/(?:^| )(?:query|mutation) (\w+)/.exec(doc)?.[1], hash]),
    );
    for (const { file, name } of ops) {
      const document = (generated as Record<string, unknown>)[`${name}Document`] as
        { __meta__?: { hash?: string } } | undefined;
      expect({ file, hash: document?.__meta__?.hash }).toEqual({ file, hash: byName.get(name) });
    }
  });

  it('names every audit of the contract in its own operation', () => {
    const names = operationFiles().map((o) => o.name);
    for (const audit of [
      'DatasetsWithoutOpenAccess',
      'ClosedModels',
      'ModelsWithUnreportedSize',
      'ResultsOnRestrictedDatasets',
      'RisksWithoutMitigation',
      'UncitedEntities',
    ]) {
      expect(names).toContain(`Audit${audit}`);
    }
    expect(names).toEqual(
      expect.arrayContaining(['ModelPage', 'DatasetPage', 'CitationSupports', 'SectorOverview', 'Search']),
    );
  });
});
