import { z } from 'astro/zod';
import { attachmentFormats } from '../data/reports.ts';
import { offsetMinutes } from '../lib/time-zone.ts';

// Editors read these messages in the build log and the CMS: Polish everywhere.
z.config(z.locales.pl());

/** Polish label (and optional hint) for a field, read by the pages and the CMS config. */
export function labelled<T extends z.ZodType>(schema: T, title: string, description?: string): T {
  return schema.meta(description ? { title, description } : { title });
}

/**
 * The CMS widget a field needs when its zod type alone does not say it
 * (src/cms/fields.ts reads this meta key): an instant or a calendar day is a
 * union of a Date and a string, an uploaded file is a string, and a long
 * answer is a string too.
 */
export type CmsWidgetHint = 'instant' | 'calendar-day' | 'file' | 'text';
export function cmsWidget<T extends z.ZodType>(schema: T, widget: CmsWidgetHint): T {
  return schema.meta({ cmsWidget: widget });
}

const INSTANT_FORMAT_MESSAGE = 'Podaj datę i godzinę z przesunięciem strefy, np. 2020-03-28T10:00:00+01:00.';
const DAY_FORMAT_MESSAGE = 'Podaj datę w formacie RRRR-MM-DD, np. 2020-03-01.';
const isoInstant = z.iso.datetime({ offset: true });
const isoDay = z.iso.date();
const dayLike = /^(\d{4})-(\d{2})-(\d{2})/;
const localTime = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$/;

/**
 * Why `text` is not a calendar day as content stores it (`YYYY-MM-DD`), in
 * Polish, or undefined when it is one. A day that does not exist (2020-13-45,
 * 2021-02-29) is named as such: YAML would silently roll it over into another day.
 */
function calendarDayProblem(text: string): string | undefined {
  if (isoDay.safeParse(text).success) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return `Taki dzień nie istnieje: ${text}. Sprawdź miesiąc (01–12) i dzień miesiąca.`;
  return DAY_FORMAT_MESSAGE;
}

/**
 * Why `text` is not an instant as content stores it (ISO 8601 with an
 * explicit offset or Z, seconds included), in Polish, or undefined when it is
 * one. A local time without an offset can mean two instants (the build
 * machine's zone decides, and YAML reads an unquoted one as UTC), so it is
 * refused with the fix spelled out; a day that does not exist is named.
 */
function instantProblem(text: string): string | undefined {
  if (isoInstant.safeParse(text).success) return undefined;
  const day = dayLike.exec(text);
  if (day && !isoDay.safeParse(day[0]).success) return `Taki dzień nie istnieje: ${day[0]}. Sprawdź miesiąc (01–12) i dzień miesiąca.`;
  const local = localTime.exec(text);
  if (local) {
    const [, day, clock] = local as unknown as [string, string, string];
    const time = clock.length === 5 ? `${clock}:00` : clock.slice(0, 8);
    const said = `Brak przesunięcia strefy czasowej: „${text}” nie mówi, według której strefy liczyć godzinę.`;
    const offsets = warsawOffsetsAt(day, time);
    if (offsets.length === 1) return `${said} W Polsce obowiązuje wtedy ${offsets[0] === '+02:00' ? 'czas letni' : 'czas zimowy'}: wpisz ${day}T${time}${offsets[0]}.`;
    if (offsets.length === 2) return `${said} Tego dnia ta godzina w Polsce jest dwa razy (cofnięcie zegarów): wpisz ${day}T${time}+02:00 (pierwsza, czas letni) albo ${day}T${time}+01:00 (druga, czas zimowy).`;
    return `${said} Takiej godziny w Polsce tego dnia nie ma (tej nocy zegary przesuwa się z 2:00 na 3:00): wybierz inną.`;
  }
  return INSTANT_FORMAT_MESSAGE;
}

/** The offsets (+01:00, +02:00) under which a Warsaw wall-clock time exists: one, two in the hour repeated in autumn, none in the hour skipped in spring. */
function warsawOffsetsAt(day: string, time: string): string[] {
  const asUtc = Date.parse(`${day}T${time}Z`);
  return [2, 1].filter((hours) => offsetMinutes(new Date(asUtc - hours * 3_600_000), 'Europe/Warsaw') === hours * 60).map((hours) => `+0${hours}:00`);
}

const problemCheck = (problem: (text: string) => string | undefined) => (text: string, ctx: z.RefinementCtx) => {
  const message = problem(text);
  if (message) ctx.addIssue({ code: 'custom', message, input: text });
};

/**
 * A moment in time. Content stores ISO 8601 instants with an explicit offset
 * (`2020-03-28T10:00:00+01:00`); a bare local time would be read in the build
 * machine's zone, so it is refused (`instantProblem`). A Date is what a YAML
 * parser with timestamps makes of an unquoted value; the build hands the
 * schema the raw text instead (src/integrations/content-check.ts), so only
 * code and tests pass Dates.
 */
export const instant = cmsWidget(
  z
    .union([z.date(), z.string({ error: INSTANT_FORMAT_MESSAGE }).superRefine(problemCheck(instantProblem))])
    .transform((value) => new Date(value)),
  'instant',
);

/** A calendar day, kept as `YYYY-MM-DD` so no time zone can shift it; a day that does not exist is refused (`calendarDayProblem`). */
export const calendarDay = cmsWidget(
  z
    .union([z.date(), z.string({ error: DAY_FORMAT_MESSAGE }).superRefine(problemCheck(calendarDayProblem))])
    .transform((value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value)),
  'calendar-day',
);

/**
 * A rule between fields of one object ("capacity is required unless the mode
 * is open"), declared once so that the build refuses it, the CMS refuses it
 * before saving (src/cms/validate.ts runs the same schema) and the CMS form
 * says it under the field it concerns (src/cms/fields.ts reads `hint` and
 * `requiredNote`). Every object-level check in the content schemas goes
 * through `withRules`; tests/integration/cms-rules.test.ts refuses any other
 * and breaks each rule once to see all three places agree.
 */
export interface CrossFieldRule<T = never> {
  /** Stable name, e.g. "event.place-in-person"; the test keys its counter-example by it. */
  id: string;
  /** The field the refusal is reported at and the hint shown under, relative to the object the rule is on. */
  path: readonly string[];
  /** The refusal, one Polish sentence telling what to do. */
  message: string;
  /** What the editor reads under the field before making the mistake, in Polish. */
  hint: string;
  /**
   * For a field the schema calls optional but this rule may require: what the
   * CMS shows after its label instead of Decap's "(opcjonalne)", e.g.
   * "wymagane przy losowaniu i przy kolejności zgłoszeń".
   */
  requiredNote?: string;
  /** Other fields the rule concerns, with their own hint and note (e.g. "programme or consultation"). */
  alsoAt?: readonly { path: readonly string[]; hint: string; requiredNote?: string }[];
  /** True when the object keeps the rule. Receives the parsed object (instants as Dates); must not throw. */
  check: (value: T) => boolean;
}

/** A registered rule, with the type erased for the walkers. */
export type AnyCrossFieldRule = Omit<CrossFieldRule, 'check'> & { check: (value: never) => boolean };

const rulesById = new Map<string, AnyCrossFieldRule>();
const rulesByCheck = new WeakMap<object, AnyCrossFieldRule>();

/**
 * `schema` with each rule applied as a zod refinement (reported at the rule's
 * path with its message) and registered. Returns the same kind of schema.
 * Throws when two different rules share an id. Schema factories call this
 * once per reference factory; the same rule is registered once.
 */
export function withRules<S extends z.ZodType>(schema: S, rules: readonly CrossFieldRule<z.output<S>>[]): S {
  let result = schema;
  for (const rule of rules) {
    const known = rulesById.get(rule.id);
    if (known && (known.message !== rule.message || known.path.join('.') !== rule.path.join('.'))) {
      throw new Error(`Schemas: two different cross-field rules are named ${rule.id}`);
    }
    const erased = rule as unknown as AnyCrossFieldRule;
    if (!known) rulesById.set(rule.id, erased);
    const check = (value: z.output<S>) => rule.check(value);
    rulesByCheck.set(check, known ?? erased);
    result = result.refine(check, { message: rule.message, path: [...rule.path] }) as S;
  }
  return result;
}

/** Every rule registered so far (all of them once src/schemas/index.ts's `contentSchemas` has run). */
export const crossFieldRules = (): AnyCrossFieldRule[] => [...rulesById.values()];

/** The rule a zod check function belongs to (from `schema._zod.def.checks[i]._zod.def.fn`), if it came from `withRules`. */
export const crossFieldRuleOf = (checkFunction: unknown): AnyCrossFieldRule | undefined =>
  typeof checkFunction === 'function' ? rulesByCheck.get(checkFunction) : undefined;

/** A span of days; `label` says it in words when the source is only as precise as "marzec–kwiecień 2014". */
export const period = withRules(
  z.object({
    /** First day. */
    start: labelled(calendarDay, 'Początek'),
    /** Last day, if known. */
    end: labelled(calendarDay.optional(), 'Koniec'),
    /** The span as the source states it, shown instead of exact dates. */
    label: labelled(z.string().optional(), 'Opis okresu', 'Np. „marzec–kwiecień 2014”, gdy dokładne daty nie są znane.'),
  }),
  [
    {
      id: 'period.end-not-before-start',
      path: ['end'],
      message: 'Koniec okresu nie może być wcześniej niż jego początek.',
      hint: 'Nie wcześniej niż początek okresu.',
      check: (p) => !p.end || p.end >= p.start,
    },
  ],
);

/** Who to ask about something. */
export const contact = z.object({
  /** Office or person. */
  name: labelled(z.string().min(1), 'Jednostka lub osoba'),
  /** Postal address. */
  address: labelled(z.string().optional(), 'Adres'),
  /** Email address. */
  email: labelled(z.email({ error: 'Podaj poprawny adres e-mail.' }).optional(), 'E-mail'),
  /** Phone number as residents dial it. */
  phone: labelled(z.string().optional(), 'Telefon'),
  /** A web page with more. */
  url: labelled(z.url({ error: 'Podaj pełny adres strony zaczynający się od https://' }).optional(), 'Strona internetowa'),
});

/** An organisation taking part, and how. */
export const organisation = z.object({
  /** Full name. */
  name: labelled(z.string().min(1), 'Nazwa'),
  /** Its part in the programme, e.g. "partner". */
  role: labelled(z.string().optional(), 'Rola'),
  /** Its web page. */
  url: labelled(z.url().optional(), 'Strona internetowa'),
});

/**
 * A downloadable file: either uploaded to the site's media folder (a path
 * starting with `/pliki/`) or a document kept elsewhere (a full https URL).
 */
export const attachment = z.object({
  /** Title shown as the link text. */
  title: labelled(z.string().min(1), 'Tytuł pliku'),
  /** Where the file is. */
  file: labelled(
    cmsWidget(z.string().regex(/^(\/pliki\/|https:\/\/)/, { message: 'Plik musi być wgrany do /pliki/ albo podany jako pełny adres https://' }), 'file'),
    'Plik',
    'Wgraj plik albo wstaw pełny adres https:// dokumentu opublikowanego gdzie indziej.',
  ),
  /** File format. */
  format: labelled(z.enum(attachmentFormats.values), 'Format'),
  /** Size in bytes, when known. */
  size: labelled(z.number().int().positive().optional(), 'Rozmiar w bajtach'),
  /** Language of the document, if not Polish. */
  language: labelled(z.string().length(2).optional(), 'Język (kod), jeśli inny niż polski'),
});

/** Free tags for search filters. */
export const tags = labelled(z.array(z.string().min(1)).default([]), 'Tagi');

/**
 * Builds a reference to another collection's entry. Astro passes its own
 * `reference`; scripts and tests pass `plainReference`. Either way, existence
 * is checked by the content integrity test, not here.
 */
export type ReferenceFactory = (collection: CollectionName) => z.ZodType<{ id: string; collection: string }>;
export type CollectionName = 'programmes' | 'events' | 'news' | 'reports' | 'consultations' | 'pages' | 'requests' | 'plans';

export const plainReference: ReferenceFactory = (collection) =>
  z.string().min(1).transform((id) => ({ id, collection }));
