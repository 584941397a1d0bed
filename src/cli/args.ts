/** A command line split into words and `--flag value` options; `--help` / `-h` is a flag on its own. */
export interface ParsedArgs {
  command: string | undefined;
  positional: string[];
  options: Record<string, string>;
  help: boolean;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export function parseArgs(argv: string[], known: Record<string, readonly string[]>): ParsedArgs {
  const words: string[] = [];
  const options: Record<string, string> = {};
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') help = true;
    else if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
      const value = inline ?? argv[++i];
      if (value === undefined || (inline === undefined && value.startsWith('--')))
        throw new UsageError(`--${name} needs a value`);
      options[name] = value;
    } else words.push(arg);
  }
  const [command, ...positional] = words;
  const allowed = command !== undefined ? known[command] : undefined;
  if (allowed) {
    const unknown = Object.keys(options).find((o) => !allowed.includes(o));
    if (unknown)
      throw new UsageError(
        `${command} has no option --${unknown}${allowed.length ? ` (it takes ${allowed.map((o) => `--${o}`).join(', ')})` : ''}`,
      );
  }
  return { command, positional, options, help };
}
