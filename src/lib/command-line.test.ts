import { describe, expect, it } from 'vitest';
import { CommandLineError, parseCommandLine } from './command-line.ts';

const options = { 'no-build': { type: 'boolean' }, checkout: { type: 'string' } } as const;

describe('parseCommandLine', () => {
  it('returns the options given', () => {
    expect(parseCommandLine(options, 'npm start', ['--no-build', '--checkout', '/srv/x'])).toEqual({ 'no-build': true, checkout: '/srv/x' });
  });

  it.each([
    [['--bogus'], 'Nieznana opcja --bogus. Zobacz: npm start -- --help'],
    [['--checkout'], 'Opcja --checkout wymaga wartości. Zobacz: npm start -- --help'],
    [['dist'], 'Nieoczekiwany argument „dist”: npm start nie przyjmuje argumentów bez opcji. Zobacz: npm start -- --help'],
  ])('refuses %j in Polish', (args, message) => {
    let thrown: unknown;
    try {
      parseCommandLine(options, 'npm start', args);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CommandLineError);
    expect((thrown as Error).message).toBe(message);
  });
});
