import 'reflect-metadata';
import { describeError } from '../client';
import { parseArgs, UsageError } from './args';
import { commandHelp, COMMANDS, overview } from './commands';

/** `lam-atlas <command>`: errors are one line on stderr and a non-zero exit (2 for a usage error). */
export async function runCli(argv: string[], out: NodeJS.WritableStream = process.stdout): Promise<void> {
  const args = parseArgs(
    argv,
    Object.fromEntries(Object.entries(COMMANDS).map(([name, c]) => [name, c.options])),
  );
  if (args.command === undefined || args.command === 'help') {
    out.write(overview());
    if (args.command === undefined && !args.help) throw new UsageError('no command given');
    return;
  }
  const command = COMMANDS[args.command];
  if (!command)
    throw new UsageError(
      `unknown command "${args.command}"; the commands are ${Object.keys(COMMANDS).join(', ')}`,
    );
  if (args.help) out.write(commandHelp(command));
  else await command.run(args, out);
}

export function main(argv: string[]): void {
  runCli(argv).catch((error: unknown) => {
    const usage = error instanceof UsageError;
    process.stderr.write(
      `lam-atlas: ${describeError(error)}${usage ? ' (lam-atlas --help lists the commands)' : ''}\n`,
    );
    process.exit(usage ? 2 : 1);
  });
}

if (require.main === module) main(process.argv.slice(2));
