/** Parses `--name value` / `--name=value` flags into a map; a bare `--flag` maps to 'true'. */
export function parseFlags(argv: readonly string[]): { flags: Map<string, string>; positional: string[] } {
  const flags = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    if (eq > 0) flags.set(arg.slice(2, eq), arg.slice(eq + 1));
    else if (argv[i + 1] !== undefined && !(argv[i + 1] ?? '').startsWith('--')) flags.set(arg.slice(2), argv[++i] ?? '');
    else flags.set(arg.slice(2), 'true');
  }
  return { flags, positional };
}
