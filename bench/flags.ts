/** `--name value` pairs of a command line, as given. */
export type Flags = Record<string, string>;

/** Reads `--name value` pairs; anything else is an error that names it. */
export function parseFlags(argv: string[]): Flags {
  const flags: Flags = {};
  for (let i = 0; i < argv.length; i += 2) {
    if (!argv[i].startsWith('--') || argv[i + 1] === undefined)
      throw new Error(`expected --flag value, got "${argv[i]}"`);
    flags[argv[i].slice(2)] = argv[i + 1];
  }
  return flags;
}

/** Whether the command line asks for the usage line instead of a run. */
export const wantsHelp = (argv: string[]) => argv.includes('--help') || argv.includes('-h');

/** A numeric flag, or `fallback` when it is absent; out of [min, max] is an error. */
export function numberFlag(
  flags: Flags,
  name: string,
  fallback: number,
  min: number,
  max = Infinity,
): number {
  const v = flags[name] === undefined ? fallback : Number(flags[name]);
  if (!Number.isFinite(v) || v < min || v > max)
    throw new Error(
      max === Infinity
        ? `--${name} must be a number >= ${min}`
        : `--${name} must be a number from ${min} to ${max}`,
    );
  return v;
}

/** A comma-separated list flag, or null when it is absent. */
export const listFlag = (flags: Flags, name: string): string[] | null =>
  flags[name] ? flags[name].split(',').map((s) => s.trim()) : null;
