/**
 * `npm run draw -- run <programme> --staff <address> --value "…" …`: the
 * draw for self-hosted installations without the panel at hand — the same
 * runDraw as the panel (once only, audited under the staff member named,
 * who must be on the allow-list), on the same database as `npm start`
 * (DATABASE_URL, or PGlite in the data folder's pglite/ — `.data/pglite`
 * unless WSPOLNIE_DATA_DIR moves it — which one process may open at a
 * time: stop `npm start` first, or use the panel), with the enrolment
 * catalogue of the built site. The emails are queued in the outbox and go
 * out with the server's next worker run.
 */
import { join } from 'node:path';
import type { Database } from '../db/database.ts';
import { openDatabase } from '../db/open.ts';
import { cataloguePath, isLottery } from '../catalogue/catalogue.ts';
import { fileCatalogue } from '../catalogue/source.ts';
import { createLinkSigner } from '../http/links.ts';
import { loadSecret, type Env } from '../lib/secret.ts';
import { allowedStaff, staffEmailsFrom } from '../panel/allow-list.ts';
import { plural, pluralForm } from '../lib/plural.ts';
import { paths } from './http/results-page.ts';
import { runDraw } from './run-draw.ts';
import { conflictLines } from '../draw/announcement-conflict.ts';

export interface CommandLineDraw {
  programme: string;
  staffEmail: string;
  values: readonly string[];
  env: Env;
  /** The built site (its /dane/zapisy.json is the catalogue). */
  siteDir: string;
  now?: Date;
}

/**
 * Lines to print and the exit status: 0 drawn, 1 refused (a reason in
 * Polish: already drawn, too early, a conflict with the announcement), 2
 * cannot run — including a --value that cannot be read one way (`2345,67`),
 * which is the person's input to fix, as scripts/draw.ts documents.
 */
export async function drawFromCommandLine(input: CommandLineDraw): Promise<{ status: number; lines: string[] }> {
  const catalogue = await fileCatalogue(join(input.siteDir, cataloguePath), () => undefined)();
  const entry = catalogue.get(input.programme);
  if (!entry || !isLottery(entry)) return { status: 2, lines: [`Nie ma programu z losowaniem o identyfikatorze „${input.programme}” (w zbudowanej stronie ${input.siteDir}).`] };
  if (input.values.length !== entry.enrolment.drawSources.length) {
    return {
      status: 2,
      lines: [`Program ogłosił ${plural(entry.enrolment.drawSources.length, 'źródło', 'źródła', 'źródeł')} losowości; podaj tyle samo opcji --value, w tej kolejności:`, ...entry.enrolment.drawSources.map((s, i) => `  ${i + 1}. ${s.description}`)],
    };
  }
  const db: Database = await openDatabase(input.env);
  try {
    const staff = await allowedStaff(db, input.staffEmail, staffEmailsFrom(input.env).emails);
    if (!staff) return { status: 2, lines: ['Ten adres nie jest na liście pracowników (npm run staff -- list). Losowanie zapisuje w dzienniku, kto je przeprowadził.'] };
    const siteUrl = input.env['SITE_URL']?.trim() || 'http://127.0.0.1:4321';
    const links = createLinkSigner(loadSecret(input.env), siteUrl);
    const outcome = await runDraw(db, entry, { values: input.values, staffId: staff.id, now: input.now ?? new Date(), links });
    switch (outcome.kind) {
      case 'drawn':
        return {
          status: 0,
          lines: [
            `Losowanie przeprowadzone: miejsca ${{ one: 'dostała', few: 'dostały', many: 'dostało' }[pluralForm(outcome.accepted)]} ${plural(outcome.accepted, 'osoba', 'osoby', 'osób')}, na liście rezerwowej: ${outcome.waitlisted}.`,
            `Klucz: ${outcome.protocol.keyString}`,
            `Wyniki i protokół: ${siteUrl.replace(/\/+$/, '')}${paths(entry.id).page}`,
            'Wiadomości do wszystkich osób z puli czekają w kolejce; wyśle je serwer (npm start).',
          ],
        };
      case 'already-drawn':
        return { status: 1, lines: ['To losowanie już się odbyło; nie można go powtórzyć ani zmienić.'] };
      case 'not-needed':
        return { status: 1, lines: ['Losowanie nie jest potrzebne: zgłoszeń w puli nie było więcej niż miejsc i wszyscy dostali miejsca.'] };
      case 'too-early':
        return { status: 1, lines: [outcome.reason === 'pool-open' ? `Pula zamrozi się dopiero ${outcome.at.toISOString()}.` : `Losowanie zapowiedziano na ${outcome.at.toISOString()}; wcześniej nie można go przeprowadzić.`] };
      case 'invalid':
        return { status: 2, lines: outcome.errors.map((e) => `Źródło ${e.source + 1}: ${e.message}`) };
      case 'not-a-lottery':
        return { status: 2, lines: ['Ten program nie ma losowania.'] };
      case 'conflict':
        return { status: 1, lines: conflictLines(outcome.differences) };
    }
  } finally {
    await db.close();
  }
}
