/**
 * Command-line options for the project's npm scripts, with Polish errors.
 * A thin layer over node:util's parseArgs (strict): an unknown option, a
 * missing value or a stray argument becomes a `CommandLineError` whose
 * message names it in Polish and points at `--help`; the caller prints it
 * and exits 2 (the usual code for a usage error).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

export class CommandLineError extends Error {
  override name = 'CommandLineError';
}

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Parses `args` (default: the process's own, after the script) against
 * `options`. `command` is how a person runs the script (e.g. "npm start"),
 * quoted in the message. Throws CommandLineError; returns parseArgs' values.
 */
export function parseCommandLine<T extends Options>(options: T, command: string, args: string[] = process.argv.slice(2)) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    const code = (error as { code?: string }).code;
    const quoted = /'([^']+)'/.exec(error instanceof Error ? error.message : '')?.[1];
    const help = `Zobacz: ${command} -- --help`;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new CommandLineError(`Nieznana opcja ${quoted ?? ''}. ${help}`);
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') throw new CommandLineError(`Opcja ${quoted?.split(' ')[0] ?? ''} wymaga wartości. ${help}`);
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') throw new CommandLineError(`Nieoczekiwany argument ${quoted ? `„${quoted}”` : ''}: ${command} nie przyjmuje argumentów bez opcji. ${help}`);
    throw new CommandLineError(`Nieprawidłowe argumenty. ${help}`);
  }
}
