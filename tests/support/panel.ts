/**
 * The staff panel in the scenario tests: the real app (enrolment-app.ts)
 * with a staff address in STAFF_EMAILS, signing in exactly as a person does
 * (the form, the email the SMTP server received, the link's page, its
 * button), and applications written straight into the database — their own
 * path is tested by the enrolment tests.
 */
import type { Queryable } from '../../src/db/database.ts';
import { newRegistrationCode } from '../../src/enrolment/registration-code.ts';
import { sessionCookieName } from '../../src/panel/http/cookie.ts';
import { linksIn } from '../../src/mail/template.ts';
import { startEnrolmentApp, type EnrolmentApp, type EnrolmentAppOptions } from './enrolment-app.ts';
import type { TestEngine } from './databases.ts';
import type { SmtpSink } from './smtp-sink.ts';

export const staffAddress = 'anna.urzednik@um.example';

export function startPanelApp(engine: TestEngine, sink: SmtpSink, options: EnrolmentAppOptions = {}): Promise<EnrolmentApp> {
  return startEnrolmentApp(engine, sink, {
    env: { WSPOLNIE_SECRET: 'test-secret-test-secret-test-secret-0123456789', STAFF_EMAILS: `${staffAddress}, drugi.pracownik@um.example` },
    ...options,
  });
}

/** Headers of a same-origin form post from a page of the panel, as Chromium sends them. */
export const sameOrigin = (origin: string) => ({ Origin: origin, 'Sec-Fetch-Site': 'same-origin', 'Content-Type': 'application/x-www-form-urlencoded' });

export const cookieHeader = (token: string) => ({ Cookie: `${sessionCookieName}=${token}` });

/** The session token a response sets, if any. */
export function sessionSet(response: Response): string | undefined {
  for (const cookie of response.headers.getSetCookie()) {
    const match = new RegExp(`^${sessionCookieName}=([^;]*)`).exec(cookie);
    if (match) return match[1];
  }
  return undefined;
}

/** Asks for a link and returns it, as it arrived at the SMTP server. */
export async function requestLink(t: EnrolmentApp, email = staffAddress): Promise<string> {
  const before = (await t.mailTo(email)).length;
  const response = await fetch(`${t.origin}/panel/logowanie/`, { method: 'POST', body: new URLSearchParams({ email }), headers: sameOrigin(t.origin), redirect: 'manual' });
  if (response.status !== 200) throw new Error(`link request answered ${response.status}`);
  const mail = await t.waitForMail(email, before + 1);
  const link = linksIn(mail.at(-1)!.parsed.text ?? '').find((l) => l.includes('/panel/logowanie/link'));
  if (!link) throw new Error('no sign-in link in the email');
  return link;
}

/** Uses a link by its button; the session token, or the failed response. */
export async function useLink(t: EnrolmentApp, link: string): Promise<Response> {
  const token = new URL(link).searchParams.get('t') ?? '';
  return fetch(`${t.origin}/panel/logowanie/link/`, { method: 'POST', body: new URLSearchParams({ t: token }), headers: sameOrigin(t.origin), redirect: 'manual' });
}

export async function signIn(t: EnrolmentApp, email = staffAddress): Promise<string> {
  const response = await useLink(t, await requestLink(t, email));
  const token = sessionSet(response);
  if (response.status !== 303 || !token) throw new Error(`sign-in answered ${response.status}`);
  return token;
}

export interface Seeded {
  id: string;
  code: string;
}

export interface SeedInput {
  programme: string;
  status: 'pending' | 'confirmed' | 'accepted' | 'waitlisted' | 'withdrawn';
  email?: string;
  name?: string;
  district?: string;
  phone?: string;
  confirmedAt?: Date;
  waitlistNumber?: number;
}

export async function seedApplication(db: Queryable, input: SeedInput): Promise<Seeded> {
  const code = newRegistrationCode();
  const withdrawn = input.status === 'withdrawn';
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO applications (programme_id, registration_code, status, email, name, district, phone, confirmed_at, waitlist_number, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, coalesce($8, now())) RETURNING id`,
    [
      input.programme,
      code,
      input.status,
      withdrawn ? null : (input.email ?? `${code.toLowerCase()}@example.pl`),
      withdrawn ? null : (input.name ?? null),
      withdrawn ? null : (input.district ?? null),
      withdrawn ? null : (input.phone ?? null),
      input.status === 'pending' ? null : (input.confirmedAt ?? new Date()),
      input.waitlistNumber ?? null,
    ],
  );
  return { id: rows[0]!.id, code };
}
