/**
 * decap-server beside `npm start`: when its port is taken (another `npm
 * start`, or one left by a killed one), starting it says so in Polish
 * instead of trusting whatever answers there or printing Node's stack trace.
 */
import { createServer, type Server } from 'node:net';
import { expect, it } from 'vitest';
import { DecapServerUnavailable, startDecapServer } from '../../src/server/decap-server.ts';
import { projectRoot } from '../support/fixture-site.ts';

it('refuses a taken port with a Polish sentence naming it', async () => {
  const taken: Server = createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  const { port } = taken.address() as { port: number };
  try {
    const started = startDecapServer({ repository: projectRoot, port, stdio: 'ignore' });
    await expect(started).rejects.toBeInstanceOf(DecapServerUnavailable);
    await expect(started).rejects.toThrow(`Port ${port} panelu redakcji (decap-server) jest zajęty`);
  } finally {
    await new Promise<void>((resolve) => taken.close(() => resolve()));
  }
});
