/**
 * The self-hosted server mounts the Netlify functions from a hand-kept list
 * (src/server/functions.ts). A function file added to functions/ and left out
 * of that list would work on Netlify and answer 404 under `npm start`: every
 * function with a path must be mounted, and every other one must be scheduled.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Config } from '@netlify/functions';
import { allRoutes } from '../../src/server/functions.ts';

const folder = new URL('../../functions/', import.meta.url);
const files = readdirSync(folder).filter((name) => name.endsWith('.ts'));

describe('functions/*.ts under npm start', () => {
  it('finds the function files', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files)('%s is mounted at its paths, or is a scheduled function', async (name) => {
    const module = (await import(new URL(name, folder).href)) as { default: unknown; config: Config };
    if (module.config.path === undefined) {
      expect(module.config.schedule, `${name} has neither a path nor a schedule`).toMatch(/\S/);
      expect(allRoutes().some((route) => route.handler === module.default)).toBe(false);
      return;
    }
    const route = allRoutes().find((candidate) => candidate.handler === module.default);
    expect(route, `${name} is not in src/server/functions.ts's mounted list`).toBeDefined();
    expect(route!.paths).toEqual([module.config.path].flat());
  });
});
