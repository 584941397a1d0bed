import * as path from 'path';
import * as ts from 'typescript';
import { ROOT } from './process';

/**
 * Type-checks `source` as if it were a file of the project at `fileName` (beside the test that
 * asks, so its relative imports resolve), with the project's tsconfig, and returns its own
 * diagnostics as `TS<code> line <n>: <message>`. The tests themselves run transpiled, unchecked
 * (tsconfig sets isolatedModules, so ts-jest only transpiles): this is how a test asserts that
 * something does not compile.
 */
export function typeErrorsOf(fileName: string, source: string): string[] {
  const configFile = path.join(ROOT, 'tsconfig.json');
  const { config } = ts.readConfigFile(configFile, (f) => ts.sys.readFile(f)) as { config: unknown };
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, ROOT);
  const file = path.resolve(fileName);
  const host = ts.createCompilerHost(options);
  const project = ts.createCompilerHost(options);
  host.getSourceFile = (name, language, ...rest) =>
    path.resolve(name) === file
      ? ts.createSourceFile(name, source, language)
      : project.getSourceFile(name, language, ...rest);
  host.fileExists = (name) => path.resolve(name) === file || project.fileExists(name);
  host.readFile = (name) => (path.resolve(name) === file ? source : project.readFile(name));
  const program = ts.createProgram({ rootNames: [file], options: { ...options, noEmit: true }, host });
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file && path.resolve(d.file.fileName) === file)
    .map((d) => {
      const line =
        d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0;
      return `TS${d.code} line ${line}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
    });
}
