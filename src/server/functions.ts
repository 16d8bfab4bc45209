/**
 * The Netlify functions the self-hosted server mounts, at the paths their own
 * `config` declares, with the methods and rate limits it declares, so both
 * deployments route and limit the same way.
 */
import type { Config } from '@netlify/functions';
import cmsAuth, { config as cmsAuthConfig } from '../../functions/cms-auth.ts';
import submit, { config as submitConfig } from '../../functions/zapisy.ts';
import confirm, { config as confirmConfig } from '../../functions/zapisy-potwierdz.ts';
import withdraw, { config as withdrawConfig } from '../../functions/zapisy-rezygnacja.ts';
import status, { config as statusConfig } from '../../functions/zapisy-status.ts';
import tooMany, { config as tooManyConfig } from '../../functions/zapisy-za-duzo-prob.ts';
import panelHome, { config as panelHomeConfig } from '../../functions/panel.ts';
import panelSignIn, { config as panelSignInConfig } from '../../functions/panel-logowanie.ts';
import panelSignOut, { config as panelSignOutConfig } from '../../functions/panel-wylogowanie.ts';
import panelProgramme, { config as panelProgrammeConfig } from '../../functions/panel-program.ts';
import panelExport, { config as panelExportConfig } from '../../functions/panel-eksport.ts';
import panelMessage, { config as panelMessageConfig } from '../../functions/panel-wiadomosc.ts';
import panelDelete, { config as panelDeleteConfig } from '../../functions/panel-usun.ts';
import panelAudit, { config as panelAuditConfig } from '../../functions/panel-dziennik.ts';
import panelDraw, { config as panelDrawConfig } from '../../functions/panel-losowanie.ts';
import drawResults, { config as drawResultsConfig } from '../../functions/losowania.ts';
import drawAnnouncement, { config as drawAnnouncementConfig } from '../../functions/losowania-ogloszenie.ts';
import panelAnnouncement, { config as panelAnnouncementConfig } from '../../functions/panel-losowanie-ogloszenie.ts';
import panelRemarks, { config as panelRemarksConfig } from '../../functions/panel-uwagi.ts';
import panelRemarksExport, { config as panelRemarksExportConfig } from '../../functions/panel-uwagi-eksport.ts';
import panelRemarksImport, { config as panelRemarksImportConfig } from '../../functions/panel-uwagi-import.ts';
import follow, { config as followConfig } from '../../functions/obserwuj.ts';
import followConfirm, { config as followConfirmConfig } from '../../functions/obserwuj-potwierdz.ts';
import unsubscribe, { config as unsubscribeConfig } from '../../functions/obserwuj-wypisz.ts';
import supportSubmit, { config as supportSubmitConfig } from '../../functions/wnioski-poparcie.ts';
import supportConfirm, { config as supportConfirmConfig } from '../../functions/wnioski-potwierdz.ts';
import supportWithdraw, { config as supportWithdrawConfig } from '../../functions/wnioski-wycofaj.ts';
import supportStatus, { config as supportStatusConfig } from '../../functions/wnioski-status.ts';
import panelRequests, { config as panelRequestsConfig } from '../../functions/panel-wnioski.ts';
import panelRequestExport, { config as panelRequestExportConfig } from '../../functions/panel-wnioski-eksport.ts';
import type { FunctionContext } from '../http/runtime.ts';

type FunctionHandler = (request: Request, context: FunctionContext) => Response | Promise<Response>;

export interface Route {
  /** The first path of the function's config: the name its rate limit is counted under. */
  name: string;
  /** Every path of the function's config. */
  paths: readonly string[];
  handler: FunctionHandler;
  /** Upper-case methods it answers; undefined for all. */
  methods: readonly string[] | undefined;
  rateLimit: Config['rateLimit'];
}

const mounted: [FunctionHandler, Config][] = [
  [cmsAuth, cmsAuthConfig],
  [submit, submitConfig],
  [confirm, confirmConfig],
  [withdraw, withdrawConfig],
  [status, statusConfig],
  [tooMany, tooManyConfig],
  [panelHome, panelHomeConfig],
  [panelSignIn, panelSignInConfig],
  [panelSignOut, panelSignOutConfig],
  [panelProgramme, panelProgrammeConfig],
  [panelExport, panelExportConfig],
  [panelMessage, panelMessageConfig],
  [panelDelete, panelDeleteConfig],
  [panelAudit, panelAuditConfig],
  [panelDraw, panelDrawConfig],
  [drawResults, drawResultsConfig],
  [drawAnnouncement, drawAnnouncementConfig],
  [panelAnnouncement, panelAnnouncementConfig],
  [panelRemarks, panelRemarksConfig],
  [panelRemarksExport, panelRemarksExportConfig],
  [panelRemarksImport, panelRemarksImportConfig],
  [supportSubmit, supportSubmitConfig],
  [supportConfirm, supportConfirmConfig],
  [supportWithdraw, supportWithdrawConfig],
  [supportStatus, supportStatusConfig],
  [panelRequests, panelRequestsConfig],
  [panelRequestExport, panelRequestExportConfig],
  [follow, followConfig],
  [followConfirm, followConfirmConfig],
  [unsubscribe, unsubscribeConfig],
];

const pathsOf = (config: Config): string[] => (config.path === undefined ? [] : [config.path].flat());

const routeOf = ([handler, config]: [FunctionHandler, Config]): [string[], Route] => {
  const paths = pathsOf(config);
  return [paths, { name: paths[0] ?? '', paths, handler, methods: config.method === undefined ? undefined : [config.method].flat(), rateLimit: config.rateLimit }];
};

const isPattern = (path: string) => path.includes(':');

const built = mounted.map(routeOf);

const routes = new Map<string, Route>(built.flatMap(([paths, route]) => paths.filter((path) => !isPattern(path)).map((path) => [path, route] as const)));

/** Paths with named parts (`/losowania/:programme`), matched as Netlify does: URLPattern, whole path. */
const patterns: [URLPattern, Route][] = built.flatMap(([paths, route]) =>
  paths.filter(isPattern).map((path): [URLPattern, Route] => [new URLPattern({ pathname: path }), route]),
);

/** The function answering a URL path, if any (a trailing slash is ignored for fixed paths). */
export function routeFor(pathname: string): Route | undefined {
  const fixed = routes.get(pathname.length > 1 ? pathname.replace(/\/$/, '') : pathname);
  if (fixed) return fixed;
  return patterns.find(([pattern]) => pattern.test({ pathname }))?.[1];
}

/** Every mounted route, once each (for tests and the rate-limit overview). */
export const allRoutes = (): Route[] => built.map(([, route]) => route);
