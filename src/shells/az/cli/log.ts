/**
 * knack's console logging: with colour (stdout and stderr both terminals) the level name is hidden
 * and the line is wrapped in its colour; without, it is `ERROR: …` / `WARNING: …`. `--debug` adds the
 * logger name (knack/log.py `_get_console_log_formats`, knack/util.py `color_map`).
 */
const COLOR = { error: '\x1b[91m', warning: '\x1b[33m', info: '\x1b[32m', debug: '\x1b[36m' } as const;
const RESET = '\x1b[0m';

type Level = keyof typeof COLOR;

export class AzLog {
  private text = '';

  constructor(
    readonly color: boolean,
    readonly level: { debug: boolean; verbose: boolean; onlyErrors: boolean },
  ) {}

  private line(level: Level, message: string, logger?: string): void {
    const named = logger && this.level.debug ? `${logger}: ${message}` : message;
    const body = this.color ? `${COLOR[level]}${named}${RESET}` : `${level.toUpperCase()}: ${named}`;
    this.text += `${body}\n`;
  }

  error(message: string): void {
    this.line('error', message, 'cli.azure.cli.core.azclierror');
  }

  warning(message: string): void {
    if (!this.level.onlyErrors) this.line('warning', message);
  }

  info(message: string, logger = 'cli.azure.cli.core'): void {
    if (this.level.verbose || this.level.debug) this.line('info', message, logger);
  }

  debug(logger: string, message: string): void {
    if (this.level.debug) this.line('debug', message, logger);
  }

  /** Lines printed with print(..., file=sys.stderr): never prefixed or coloured. */
  plain(line: string): void {
    this.text += `${line}\n`;
  }

  get stderr(): string {
    return this.text;
  }
}
