import { ChildProcess, execFile, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildSchema, getOperationAST, OperationTypeNode, parse, print, validate } from 'graphql';
import { FIRST_QUERY } from '../../src/gateway/playground';
import { gatewayQuery, startInProcess } from '../helpers/app';
import { ROOT } from '../helpers/process';

/**
 * The documents' commands work: every command of a ```sh, ```bash or ```shell block of README.md and
 * docs/*.md (and every `$ ` line of any other block) is either run here, or named in COVERED_ELSEWHERE
 * with the test file or .ci/run step that runs it. A command that is neither fails with its file and
 * line. Commands in running text (`like this`) are descriptions, not checked.
 */

// ---------------------------------------------------------------------------------------------------
// The documents and their commands

interface Doc {
  file: string;
  text: string;
}

function readDocs(): Doc[] {
  const docs = fs
    .readdirSync(path.join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => `docs/${f}`);
  return ['README.md', ...docs].map((file) => ({
    file,
    text: fs.readFileSync(path.join(ROOT, file), 'utf8'),
  }));
}

interface Block {
  file: string;
  /** 1-based line of the block's first line of content */
  line: number;
  lang: string;
  lines: string[];
}

function fencedBlocks(doc: Doc): Block[] {
  const blocks: Block[] = [];
  const lines = doc.text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([\w+-]*)/.exec(lines[i]);
    if (!open) continue;
    const fence = open[2];
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && !lines[j].trimStart().startsWith(fence)) body.push(lines[j++]);
    blocks.push({ file: doc.file, line: i + 2, lang: open[3].toLowerCase(), lines: body });
    i = j;
  }
  return blocks;
}

export interface DocCommand {
  file: string;
  line: number;
  /** the variables the command line sets before the command (`PORT=0 npm start`) */
  env: Record<string, string>;
  /** the command without them, as a shell would run it */
  command: string;
}

const SHELLS = new Set(['sh', 'bash', 'shell']);

/** Splits a shell line into simple commands: on unquoted &&, ||, ; and |, without comments or ( ). */
function simpleCommands(line: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      current += c;
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"') current += line[++i] ?? '';
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      current += c;
    } else if (c === '\\') {
      current += c + (line[++i] ?? '');
    } else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]))) {
      break;
    } else if (c === ';' || c === '|' || c === '&') {
      if ((c === '|' || c === '&') && line[i + 1] === c) i++;
      parts.push(current);
      current = '';
    } else if (c === '(' || c === ')') {
      current += ' ';
    } else {
      current += c;
    }
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter(Boolean);
}

/** `A=1 B="two" cmd args` -> the assignments and the rest. */
function splitAssignments(simple: string): { env: Record<string, string>; command: string } {
  const env: Record<string, string> = {};
  let rest = simple;
  for (;;) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|'[^']*'|\S*)\s*/.exec(rest);
    if (!m) break;
    env[m[1]] = m[2].replace(/^(["'])(.*)\1$/, '$2');
    rest = rest.slice(m[0].length);
  }
  return { env, command: rest.trim() };
}

/** Builtins that change the shell, not the system: they are not commands to cover. */
const SHELL_STATE = /^(export|cd|set|unset)\b/;

export function docCommands(docs: Doc[] = readDocs()): DocCommand[] {
  const commands: DocCommand[] = [];
  for (const block of docs.flatMap(fencedBlocks)) {
    const shell = SHELLS.has(block.lang);
    for (let i = 0; i < block.lines.length; i++) {
      const line = block.line + i;
      let text = block.lines[i];
      if (!shell) {
        if (!text.startsWith('$ ')) continue;
        text = text.slice(2);
      }
      while (/\\\s*$/.test(text) && i + 1 < block.lines.length)
        text = text.replace(/\\\s*$/, ' ') + block.lines[++i];
      for (const simple of simpleCommands(text)) {
        const { env, command } = splitAssignments(simple);
        if (command === '' || SHELL_STATE.test(command)) continue;
        commands.push({ file: block.file, line, env, command });
      }
    }
  }
  return commands;
}

/** Variables set by the documents' export lines. */
function exportedNames(docs: Doc[]): { file: string; name: string }[] {
  return docs.flatMap((doc) =>
    fencedBlocks(doc)
      .filter((b) => SHELLS.has(b.lang))
      .flatMap((b) => b.lines)
      .flatMap((l) =>
        [...l.matchAll(/\bexport\s+([A-Za-z_][A-Za-z0-9_]*)=/g)].map((m) => ({ file: doc.file, name: m[1] })),
      ),
  );
}

// ---------------------------------------------------------------------------------------------------
// Coverage: run here (each group below runs every command of its group), or elsewhere

const RUN_HERE = {
  'npm start': /^npm start$/,
  curl: /^curl /,
  seed: /^npm run seed$/,
  subgraph: /^npm run start:subgraph -- (catalog|risks|literature)$/,
  gateway: /^npm run start:gateway$/,
  'data:validate': /^npm run data:validate$/,
  'lam-atlas': /^npx lam-atlas( |$)/,
  // only a short run: the full runs take minutes and are described in the text, not in a block
  bench: /^npm run bench -- .*--duration 1 .*$/,
  saturation: /^npm run bench:saturation -- .*--duration 1 .*$/,
  'format, lint and typecheck': /^npm run (format|format:check|lint|typecheck)$/,
} as const;
type Group = keyof typeof RUN_HERE;

interface Elsewhere {
  command: RegExp;
  /** a test file or .ci/run */
  by: string;
  /** what that file holds of the command: its npm script, the script's target, its arguments */
  contains: string[];
}

const COVERED_ELSEWHERE: Elsewhere[] = [
  // CI installs from the lock file: `npm ci` is `npm install` without changing package-lock.json
  { command: /^npm install$/, by: '.ci/run', contains: ['npm ci'] },
  { command: /^npm test$/, by: '.ci/run', contains: ['npm test'] },
  {
    command: /^apt-get install (-y )?chromium$/,
    by: '.ci/run',
    contains: ['apt-get', 'install', 'chromium'],
  },
  {
    command: /^npm run test:postgres$/,
    by: '.ci/run',
    contains: ['TEST_DATABASE_URL=', 'npm run test:postgres'],
  },
  // both tests generate the files as the scripts do, in memory, and compare them with the checked-in ones
  {
    command: /^npm run compose$/,
    by: 'test/contract.test.ts',
    contains: ['run npm run compose', 'generatedSchemaFiles'],
  },
  {
    command: /^npm run codegen$/,
    by: 'test/client/codegen.test.ts',
    contains: ['npm run codegen', 'codegen.yml'],
  },
  {
    command: /^npm run build:explorer$/,
    by: 'test/explorer/bundle.test.ts',
    contains: ['npm run build:explorer', 'buildExplorerBundle'],
  },
  // the script runs the explorer's browser test with EXPLORER_SCREENSHOTS=docs/images
  {
    command: /^npm run screenshots:explorer$/,
    by: 'test/e2e/explorer.test.ts',
    contains: ['npm run screenshots:explorer', 'EXPLORER_SCREENSHOTS'],
  },
  // against a checkout-shaped fixture: the audit itself is not a dependency
  {
    command: /^npm run audit:federation$/,
    by: 'test/e2e/federation-audit.test.ts',
    contains: ['scripts/federation-audit.main.ts', 'FEDERATION_AUDIT_DIR'],
  },
  {
    command: /^npm run audit:federation -- --suite [\w-]+$/,
    by: 'test/e2e/federation-audit.test.ts',
    contains: ['scripts/federation-audit.main.ts', "'--suite'"],
  },
];

function groupOf(command: string): Group | null {
  return (Object.keys(RUN_HERE) as Group[]).find((g) => RUN_HERE[g].test(command)) ?? null;
}

const COMMANDS = docCommands();
const DOCS = readDocs();

/**
 * A document whose commands are one session, run in order as one script by the test at the end of this
 * file (each needs what the one before made: a key, a proposal); its commands are in no group.
 */
const SESSIONS = new Set(['docs/curation.md']);

/** The distinct commands of a group, each once, with the variables the documents give it. */
function commandsOf(group: Group): DocCommand[] {
  const seen = new Map<string, DocCommand>();
  for (const c of COMMANDS)
    if (!SESSIONS.has(c.file) && groupOf(c.command) === group && !seen.has(c.command)) seen.set(c.command, c);
  return [...seen.values()];
}

const where = (c: DocCommand) => `${c.file}:${c.line}: ${c.command}`;

/** The commands neither run here nor covered elsewhere, as `file:line: command`. */
const uncovered = (commands: DocCommand[]) =>
  commands
    .filter(
      (c) =>
        !SESSIONS.has(c.file) &&
        groupOf(c.command) === null &&
        !COVERED_ELSEWHERE.some((e) => e.command.test(c.command)),
    )
    .map(where);

describe('the commands of README.md and docs/*.md', () => {
  it('are found', () => {
    expect(COMMANDS.length).toBeGreaterThan(10);
    expect(COMMANDS.map((c) => c.command)).toEqual(
      expect.arrayContaining(['npm install', 'npm start', 'npm test']),
    );
  });

  it('are each run by this test or by the test or CI step named for it', () => {
    expect(uncovered(COMMANDS)).toEqual([]);
    // what a command nothing runs looks like
    const stray = docCommands([
      { file: 'docs/x.md', text: 'Text.\n\n```sh\nnpm start\nnpm run nothing-runs-this\n```\n' },
    ]);
    expect(uncovered(stray)).toEqual(['docs/x.md:5: npm run nothing-runs-this']);
  });

  it.each(COVERED_ELSEWHERE.map((e) => [e.command.source, e] as const))(
    'covered elsewhere: %s is in the file named, and in the documents',
    (_, entry) => {
      const file = path.join(ROOT, entry.by);
      expect({ file: entry.by, exists: fs.existsSync(file) }).toEqual({ file: entry.by, exists: true });
      const text = fs.readFileSync(file, 'utf8');
      expect(entry.contains.filter((part) => !text.includes(part))).toEqual([]);
      // an entry no document needs is dropped rather than kept as a claim
      expect(COMMANDS.some((c) => entry.command.test(c.command))).toBe(true);
    },
  );

  it('name npm scripts that exist', () => {
    const { scripts } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    const unknown = COMMANDS.filter((c) => {
      const m = /^npm (?:run(?:-script)? )?([\w:-]+)/.exec(c.command);
      if (!m || ['install', 'ci'].includes(m[1])) return false;
      return !(m[1] in scripts);
    }).map(where);
    expect(unknown).toEqual([]);
  });

  it('set only variables docs/operations.md documents', () => {
    const operations = fs.readFileSync(path.join(ROOT, 'docs/operations.md'), 'utf8');
    // a session's variables (KEY=$(...)) hold what its commands print, not configuration
    const names = [
      ...COMMANDS.filter((c) => !SESSIONS.has(c.file)).flatMap((c) =>
        Object.keys(c.env).map((name) => ({ file: c.file, name })),
      ),
      ...exportedNames(DOCS),
    ];
    expect(names.filter(({ name }) => !operations.includes(`\`${name}\``))).toEqual([]);
  });

  it('are parsed as a shell would split them', () => {
    const [install, start] = docCommands([
      { file: 'x.md', text: '```sh\nnpm install && npm start  # both\n```\n' },
    ]);
    expect([install.command, start.command]).toEqual(['npm install', 'npm start']);
    const joined = docCommands([
      {
        file: 'x.md',
        text: '```bash\nexport A=1\nB=2 C="x y" \\\n  npm run start:gateway\n(cd dir && npm install)\n```\n```text\n$ npx lam-atlas --help\nnot a command\n```\n',
      },
    ]);
    expect(joined.map((c) => [c.line, c.env, c.command])).toEqual([
      [3, { B: '2', C: 'x y' }, 'npm run start:gateway'],
      [5, {}, 'npm install'],
      [8, {}, 'npx lam-atlas --help'],
    ]);
  });
});

// ---------------------------------------------------------------------------------------------------
// Running them

const STORE_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'lam-atlas-docs-'));
/** what a command may not choose here: where it listens and where it builds its stores */
const CONTAINED = {
  STORE_DIR,
  HOST: '127.0.0.1',
  PORT: '0',
  CATALOG_PORT: '0',
  RISKS_PORT: '0',
  LITERATURE_PORT: '0',
  LOG_LEVEL: 'warn',
  NODE_ENV: '',
  DATABASE_URL: '',
  CATALOG_DATABASE_URL: '',
  RISKS_DATABASE_URL: '',
  LITERATURE_DATABASE_URL: '',
};

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command with bash, in `cwd`, to its end. */
function sh(command: string, env: Record<string, string> = {}, cwd = ROOT): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      'bash',
      ['-c', command],
      { cwd, env: { ...process.env, ...env }, timeout: 120_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

/** Runs a documented command with its variables, then with what this test must decide. */
const runDoc = (c: DocCommand, env: Record<string, string> = {}, text = c.command) =>
  sh(text, { ...c.env, ...CONTAINED, ...env });

interface Server {
  url: string;
  output: () => string;
  stop(): Promise<void>;
}

/** Starts a documented server command in a process group of its own and waits for its `serving` line. */
function serveDoc(c: DocCommand, env: Record<string, string>, serving: RegExp): Promise<Server> {
  const child: ChildProcess = spawn('bash', ['-c', c.command], {
    cwd: ROOT,
    env: { ...process.env, ...c.env, ...CONTAINED, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`${where(c)}: no "serving" line in time:\n${output}`));
    }, 90_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = serving.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1], output: () => output, stop });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${where(c)} exited with ${code}:\n${output}`));
    });
  });
}

/** The documents' curl commands against a running server: each answers the sectors. */
async function curlAgainst(base: string): Promise<void> {
  for (const c of commandsOf('curl')) {
    const text = c.command.replace(/http:\/\/(localhost|127\.0\.0\.1):4000/g, base);
    const run = await runDoc(c, {}, text);
    // curl writes its progress meter on stderr when stdout is not a terminal
    expect({ command: where(c), code: run.code }).toEqual({ command: where(c), code: 0 });
    const answer = JSON.parse(run.stdout) as { errors?: unknown; data: { sectors: unknown[] } };
    expect(answer.errors).toBeUndefined();
    expect(answer.data.sectors).toHaveLength(7);
  }
}

afterAll(() => fs.rmSync(STORE_DIR, { recursive: true, force: true }));

describe('the documents commands, run here', () => {
  it('curl is installed', async () => {
    const run = await sh('curl --version');
    expect({ code: run.code, curl: /^curl \d/.test(run.stdout) }).toEqual({ code: 0, curl: true });
  });

  it('npm start serves the API, and curl reads it', async () => {
    const [start] = commandsOf('npm start');
    const server = await serveDoc(start, {}, /serving (http:\/\/\S+)\/graphql/);
    try {
      await curlAgainst(server.url);
    } finally {
      await server.stop();
    }
  }, 120_000);

  it('npm run seed builds the stores; the subgraphs as services and the gateway over them serve the API', async () => {
    for (const c of commandsOf('seed')) {
      const run = await runDoc(c);
      expect({ command: where(c), code: run.code }).toEqual({ command: where(c), code: 0 });
    }
    const servers: Server[] = [];
    try {
      const urls: Record<string, string> = {};
      for (const c of commandsOf('subgraph')) {
        const name = / -- (\w+)$/.exec(c.command)![1];
        const server = await serveDoc(c, {}, /is serving (http:\/\/\S+)/);
        servers.push(server);
        urls[`${name.toUpperCase()}_URL`] = server.url;
      }
      for (const c of commandsOf('gateway')) {
        const gateway = await serveDoc(c, urls, /serving (http:\/\/\S+)\/graphql/);
        servers.push(gateway);
        await curlAgainst(gateway.url);
      }
    } finally {
      await Promise.all(servers.reverse().map((s) => s.stop()));
    }
  }, 180_000);

  it('npm run data:validate passes', async () => {
    for (const c of commandsOf('data:validate')) {
      const run = await runDoc(c);
      expect({ command: where(c), code: run.code, stderr: run.stderr }).toEqual({
        command: where(c),
        code: 0,
        stderr: '',
      });
    }
  }, 60_000);

  it('npx lam-atlas runs as shown, writing any --out file where it is told', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'lam-atlas-docs-out-'));
    try {
      for (const c of commandsOf('lam-atlas')) {
        const text = c.command.replace(/--out (\S+)/, (_, file: string) => `--out ${path.join(out, file)}`);
        const run = await runDoc(c, {}, text);
        expect({ command: where(c), code: run.code, stderr: run.stderr }).toEqual({
          command: where(c),
          code: 0,
          stderr: '',
        });
        const file = /--out (\S+)/.exec(c.command)?.[1];
        if (file) expect(fs.readFileSync(path.join(out, file), 'utf8').length).toBeGreaterThan(0);
        else expect(run.stdout.length).toBeGreaterThan(0);
      }
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);

  it('the short benchmark runs', async () => {
    for (const c of commandsOf('bench')) {
      const run = await runDoc(c);
      expect({ command: where(c), code: run.code }).toEqual({ command: where(c), code: 0 });
      expect(run.stdout).toContain('lam-atlas benchmark');
    }
  }, 120_000);

  it('the short saturation benchmark runs, with and without the read threads', async () => {
    for (const c of commandsOf('saturation')) {
      const run = await runDoc(c);
      expect({ command: where(c), code: run.code }).toEqual({ command: where(c), code: 0 });
      expect(run.stdout).toContain('lam-atlas saturation benchmark');
      expect(run.stdout).toMatch(/^\| 2 \| .*\| [1-9]\d* data/m);
      expect(run.stdout).toMatch(/^\| 0 \| /m);
    }
  }, 120_000);

  it('format, format:check, lint and typecheck do what the documents say, in a scratch project', async () => {
    // a copy of the project's settings over a file of its own, so that the tree's state does not matter
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lam-atlas-docs-dev-'));
    try {
      for (const f of [
        'package.json',
        'tsconfig.json',
        '.prettierrc.json',
        '.prettierignore',
        'eslint.config.mjs',
        'src/explorer/tsconfig.json',
      ]) {
        fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
        fs.copyFileSync(path.join(ROOT, f), path.join(dir, f));
      }
      fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
      // the explorer's browser code is checked with the DOM's types, by its own tsconfig
      fs.writeFileSync(
        path.join(dir, 'src/explorer/sample-view.ts'),
        "export const heading = (): HTMLElement | null => document.querySelector('h1');\n",
      );
      const sample = path.join(dir, 'src/sample.ts');
      fs.writeFileSync(
        sample,
        'export const answer: number = 42 ;\nexport function later(): Promise<number> { return Promise.resolve(answer) }\n',
      );
      const scenarios: Record<string, () => Promise<void>> = {
        'npm run format:check': async () => {
          const before = await sh('npm run format:check', {}, dir);
          expect({ code: before.code, lists: /src\/sample\.ts/.test(before.stdout + before.stderr) }).toEqual(
            {
              code: 1,
              lists: true,
            },
          );
        },
        'npm run format': async () => {
          expect((await sh('npm run format', {}, dir)).code).toBe(0);
          expect(fs.readFileSync(sample, 'utf8')).toContain('export const answer: number = 42;\n');
          expect((await sh('npm run format:check', {}, dir)).code).toBe(0);
        },
        'npm run typecheck': async () => {
          expect((await sh('npm run typecheck', {}, dir)).code).toBe(0);
          fs.writeFileSync(path.join(dir, 'src/wrong.ts'), "export const n: number = 'not a number';\n");
          const wrong = await sh('npm run typecheck', {}, dir);
          fs.rmSync(path.join(dir, 'src/wrong.ts'));
          expect({ code: wrong.code !== 0, ts2322: wrong.stdout.includes('TS2322') }).toEqual({
            code: true,
            ts2322: true,
          });
        },
        'npm run lint': async () => {
          const clean = await sh('npm run lint', {}, dir);
          expect({ code: clean.code, errors: /\berror\b/.test(clean.stdout) }).toEqual({
            code: 0,
            errors: false,
          });
          fs.writeFileSync(
            path.join(dir, 'src/floating.ts'),
            "import { later } from './sample';\nexport function start(): void {\n  later();\n}\n",
          );
          const floating = await sh('npm run lint', {}, dir);
          expect({ code: floating.code, rule: floating.stdout.includes('no-floating-promises') }).toEqual({
            code: 1,
            rule: true,
          });
          fs.rmSync(path.join(dir, 'src/floating.ts'));
        },
      };
      // format:check first (the sample is not formatted yet), then format, typecheck and lint
      const order = ['npm run format:check', 'npm run format', 'npm run typecheck', 'npm run lint'];
      const documented = commandsOf('format, lint and typecheck').map((c) => c.command);
      expect(documented.filter((c) => !(c in scenarios))).toEqual([]);
      for (const command of order.filter((c) => documented.includes(c))) await scenarios[command]();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});

// ---------------------------------------------------------------------------------------------------
// The rest of what the documents show

describe('the GraphQL of README.md and docs/*.md', () => {
  const blocks = DOCS.flatMap(fencedBlocks).filter((b) => b.lang === 'graphql');
  const schema = buildSchema(fs.readFileSync(path.join(ROOT, 'schema.graphql'), 'utf8'));

  it("holds the README's first query, which is the playground's first tab", () => {
    const first = blocks.find((b) => b.file === 'README.md');
    expect(first).toBeDefined();
    expect(print(parse(first!.lines.join('\n')))).toEqual(print(parse(FIRST_QUERY)));
  });

  it('validates against schema.graphql and answers without errors', async () => {
    const app = await startInProcess();
    try {
      for (const block of blocks) {
        const at = `${block.file}:${block.line}`;
        const document = parse(block.lines.join('\n'));
        expect({ at, errors: validate(schema, document).map((e) => e.message) }).toEqual({ at, errors: [] });
        // a write needs a key and changes the graph: validated here, run by the sessions that show it
        if (getOperationAST(document)?.operation === OperationTypeNode.MUTATION) continue;
        const answer = await gatewayQuery(app, block.lines.join('\n'));
        expect({ at, errors: answer.errors }).toEqual({ at, errors: undefined });
      }
    } finally {
      await app.close();
    }
  }, 60_000);
});

/** GitHub's anchor of a heading. */
const anchorOf = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[`*_]/g, '')
    .replace(/[^\p{L}\p{N} -]/gu, '')
    .replace(/ /g, '-');

function anchorsOf(file: string): Set<string> {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const inFence = new Set(fencedBlocks({ file, text }).flatMap((b) => b.lines));
  return new Set(
    text
      .split('\n')
      .filter((l) => /^#{1,6} /.test(l) && !inFence.has(l))
      .map((l) => anchorOf(l.replace(/^#+ /, ''))),
  );
}

/** Files the documents name that the project makes rather than keeps. */
const OUTPUTS = [/^test\/artifacts\//, /^bench\/results\.json$/, /^var\//];

describe('the links and paths of README.md and docs/*.md', () => {
  it('link to files and headings that exist', () => {
    const broken: string[] = [];
    for (const doc of DOCS) {
      const prose = doc.text.replace(/```[^]*?```/g, '');
      for (const [, target] of prose.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/.test(target)) continue;
        const [file, anchor] = target.split('#');
        const resolved = file
          ? path.relative(ROOT, path.resolve(path.dirname(path.join(ROOT, doc.file)), file))
          : doc.file;
        if (!fs.existsSync(path.join(ROOT, resolved))) broken.push(`${doc.file}: ${target} (no ${resolved})`);
        else if (anchor && resolved.endsWith('.md') && !anchorsOf(resolved).has(anchor))
          broken.push(`${doc.file}: ${target} (no heading #${anchor} in ${resolved})`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('name paths of the project that exist', () => {
    const missing: string[] = [];
    for (const doc of DOCS) {
      for (const [, p] of doc.text.matchAll(
        /`((?:src|test|docs|data|bench|scripts|examples|bin|\.ci)\/[^`\s]*)`/g,
      )) {
        if (/[<*$]/.test(p) || OUTPUTS.some((o) => o.test(p))) continue;
        if (!fs.existsSync(path.join(ROOT, p))) missing.push(`${doc.file}: ${p}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("quote the playground test's message when Chromium is missing as the test words it", () => {
    const test = fs.readFileSync(path.join(ROOT, 'test/e2e/playground.test.ts'), 'utf8');
    const message = /`\$\{CHROMIUM\}( is missing: [^`]*?(?:`[^`]*`[^`]*?)*) and run it again\.`/.exec(
      test,
    )?.[1];
    expect(message).toBeDefined();
    // the test writes its backticks escaped, inside a template string
    expect(DOCS[0].text).toContain(`/usr/bin/chromium${message!.replace(/\\`/g, '`')} and run it again.`);
  });

  it('keep the README under 10 KB', () => {
    expect(fs.statSync(path.join(ROOT, 'README.md')).size).toBeLessThan(10 * 1024);
  });
});

// ---------------------------------------------------------------------------------------------------
// The curation session of docs/curation.md, run in order against npm start

describe('the curation session of docs/curation.md', () => {
  it('makes the keys, proposes a new model with its source, approves it as the reviewer, reads it and its history, and exports the diff', async () => {
    const file = 'docs/curation.md';
    const doc = DOCS.find((d) => d.file === file)!;
    const blocks = fencedBlocks(doc).filter((b) => SHELLS.has(b.lang));
    expect(blocks.length).toBeGreaterThan(3);
    const [start] = commandsOf('npm start');
    const server = await serveDoc(start, {}, /serving (http:\/\/\S+)\/graphql/);
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'lam-atlas-docs-session-'));
    try {
      // the session as the document gives it, step by step, with where it may write and what it talks to
      const steps = blocks.map((b) =>
        b.lines
          .join('\n')
          .replace(/http:\/\/localhost:4000/g, server.url)
          .replace(/\/tmp\/lam-atlas-/g, `${scratch}/lam-atlas-`),
      );
      const script = steps.map((step, i) => `${step}\nrc=$?; echo; echo "--- step ${i + 1}: $rc"`).join('\n');
      const run = await sh(script, CONTAINED);
      const [keys, proposed, approved, read, exported] = run.stdout.split(/^--- step \d+: \d+$/m);
      const codes = [...run.stdout.matchAll(/^--- step (\d+): (\d+)$/gm)].map((m) => Number(m[2]));
      // every step ran; the last one is diff, which exits 1 as the export differs from data/
      expect({ codes, stderr: run.stderr }).toEqual({
        codes: [0, 0, 0, 0, 1],
        stderr: expect.stringContaining('created reviewer key') as string,
      });
      expect(keys.trim()).toBe('');
      const proposal = JSON.parse(proposed) as {
        data: { createModel: { proposal: { status: string }; change: unknown; userErrors: unknown[] } };
      };
      expect(proposal.data.createModel).toMatchObject({
        proposal: { status: 'OPEN' },
        change: { op: 'CREATE', slug: 'huatuogpt' },
        userErrors: [],
      });
      expect(approved).toContain('"changes":[{"op":"CREATE","slug":"huatuogpt"}]');
      expect(approved).toContain(
        '"approveProposal":{"proposal":{"status":"APPROVED","decidedBy":"rita"},"userErrors":[]}',
      );
      const model = (JSON.parse(read) as { data: { model: Record<string, unknown> } }).data.model;
      expect(model).toMatchObject({
        name: 'HuatuoGPT',
        type: 'LLM',
        access: 'UNKNOWN',
        version: 1,
        source: {
          url: 'https://github.com/Jianing-Qiu/Awesome-Healthcare-Foundation-Models/blob/fd36f54/README.md#L139',
          section: 'Large Language Models > Healthcare Domain',
        },
        history: [
          expect.objectContaining({
            op: 'CREATE',
            author: 'alice',
            approvedBy: 'rita',
            fields: expect.arrayContaining([{ field: 'name', after: 'HuatuoGPT' }]) as unknown,
          }),
        ],
      });
      expect(exported).toMatch(/^wrote \d+ files to /m);
      // the diff is the change, in models.json alone: the new record
      expect(exported.match(/^diff -r .*$/gm)).toEqual([
        expect.stringMatching(/^diff -r data\/models\.json /),
      ]);
      expect(exported).toMatch(/^> +"slug": "huatuogpt",$/m);
      expect(exported).toMatch(/^> +"name": "HuatuoGPT",$/m);
      expect(exported).not.toMatch(/^< /m);
    } finally {
      await server.stop();
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  }, 180_000);
});
