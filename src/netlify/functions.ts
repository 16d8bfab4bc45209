/**
 * What each file in functions/ wraps its handler with: the web layer's
 * adapters (src/http/adapter.ts, src/panel/http/adapter.ts) with the
 * runtime Netlify needs — built from the environment on the instance's
 * first request (runtime.ts). `npm start` and the tests import the same
 * function files and install their own runtime first, so this one is never
 * built there.
 */
import { publicFunction as publicAdapter, type PublicHandler } from '../http/adapter.ts';
import type { FunctionContext, RuntimeSource } from '../http/runtime.ts';
import { panelFunction as panelAdapter, publicPanelFunction as publicPanelAdapter, type PanelHandler, type PublicPanelHandler } from '../panel/http/adapter.ts';

type FunctionHandler = (request: Request, context?: FunctionContext) => Promise<Response>;

/** Loaded on first use only: the runtime's database and mail modules stay out of the way until a request needs them. */
const fromEnvironment: RuntimeSource = (origin) => import('./runtime.ts').then(({ runtimeFromEnv }) => runtimeFromEnv(process.env, origin));

/** A public function: sign-ups, confirmation, withdrawal, the lottery's pages. */
export const publicFunction = (handler: PublicHandler): FunctionHandler => publicAdapter(handler, fromEnvironment);
/** A panel function: the staff session is checked before `handler` runs. */
export const panelFunction = (handler: PanelHandler): FunctionHandler => panelAdapter(handler, fromEnvironment);
/** The panel's sign-in pages: what a person without a session uses. */
export const publicPanelFunction = (handler: PublicPanelHandler): FunctionHandler => publicPanelAdapter(handler, fromEnvironment);
