/**
 * What the readers of `astro build`'s output (build-failure.ts,
 * missing-references.ts) give back, and how the build child must be run for
 * its output to be read.
 */
import type { BuildProblem } from '../http/runtime.ts';

/** One problem read from the build's output, explained for staff (the shape the runtime's site status carries). */
export type BuildFailure = BuildProblem;

/**
 * Environment for the build child so that its output is plain text. NO_COLOR
 * is what turns Astro's colours off (picocolors); FORCE_COLOR must not be
 * inherited, because picocolors treats any non-empty value, "0" included, as
 * "force colours", and a truthy one next to NO_COLOR makes Node print a warning.
 * ANSI codes are stripped anyway.
 */
export const plainOutputEnv = { NO_COLOR: '1', FORCE_COLOR: '0' } as const;

/** The most characters of output a {@link BuildFailure}'s `detail` keeps. */
export const DETAIL_MAX = 2000;

/** Lines [from, to) of the output, blank ones and Astro's page-by-page progress dropped, cut to DETAIL_MAX characters. */
export function excerpt(lines: string[], from: number, to: number): string {
  const text = lines.slice(Math.max(0, from), to).filter((l) => l.trim() !== '' && !/^\S*\s+[│├└]─ /.test(l)).join('\n');
  return text.length <= DETAIL_MAX ? text : `${text.slice(0, DETAIL_MAX - 1)}…`;
}
