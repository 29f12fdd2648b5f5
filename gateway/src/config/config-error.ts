/** Thrown when gateway configuration is invalid; one line per bad value in `details`. */
export class ConfigError extends Error {
  readonly key = 'CONFIG_INVALID';
  constructor(message: string, readonly details: string[] = []) {
    super(details.length > 0 ? `${message}:\n  ${details.join('\n  ')}` : message);
    this.name = 'ConfigError';
  }
}
