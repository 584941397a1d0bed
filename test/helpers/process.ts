import { ChildProcess, execFile, spawn } from 'child_process';
import * as path from 'path';

export const ROOT = path.resolve(__dirname, '../..');

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs node with `args` in the project folder, to completion, the way a user runs a script. */
export function runNode(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      args,
      { cwd: ROOT, env: { ...process.env, ...env }, timeout: 90_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** Starts a server process on port 0 and waits for its "serving http://.../graphql" line. */
export function startServerProcess(
  args: string[],
  env: Record<string, string>,
): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "serving" line in time:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /serving (http:\/\/\S+)\/graphql/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1], output: () => output });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
}

export const exitOf = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

/** The rows of the table under a `title (n)` line, cells split on runs of two or more spaces. */
export function printedTable(output: string, title: string): { count: number; rows: string[][] } {
  const lines = output.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`${title} (`));
  if (start < 0) throw new Error(`no table "${title}" in:\n${output}`);
  const count = Number(/\((\d+)\)$/.exec(lines[start])?.[1]);
  const end = lines.findIndex((l, i) => i > start && l.trim() === '');
  return { count, rows: lines.slice(start + 3, end < 0 ? undefined : end).map((l) => l.split(/ {2,}/)) };
}
