/** Every public address in one place, so pages, feeds and the sitemap agree. Polish slugs. */
import type { PageKind } from '../data/pages.ts';

export const urls = {
  home: '/',
  programmes: '/programy/',
  programme: (id: string) => `/programy/${id}/`,
  programmeCalendar: (id: string) => `/programy/${id}/kalendarz.ics`,
  events: '/wydarzenia/',
  eventsOfKind: (kind: string) => `/wydarzenia/rodzaj/${kind}/`,
  event: (id: string) => `/wydarzenia/${id}/`,
  calendar: '/kalendarz/',
  calendarFeed: '/kalendarz.ics',
  news: '/aktualnosci/',
  newsPage: (n: number) => (n <= 1 ? '/aktualnosci/' : `/aktualnosci/strona/${n}/`),
  newsItem: (id: string) => `/aktualnosci/${id}/`,
  newsFeed: '/aktualnosci/rss.xml',
  consultations: '/konsultacje/',
  consultation: (id: string) => `/konsultacje/${id}/`,
  requests: '/konsultacje/wnioski/',
  request: (id: string) => `/konsultacje/wnioski/${id}/`,
  requestRules: '/konsultacje/wnioski/zasady/',
  plans: '/konsultacje/plan/',
  plan: (year: number | string) => `/konsultacje/plan/${year}/`,
  planFeed: (year: number | string) => `/konsultacje/plan/${year}.ics`,
  archive: '/archiwum/',
  archivePage: (n: number) => (n <= 1 ? '/archiwum/' : `/archiwum/strona/${n}/`),
  archiveOfType: (typeSlug: string, n = 1) => (n <= 1 ? `/archiwum/typ/${typeSlug}/` : `/archiwum/typ/${typeSlug}/strona/${n}/`),
  report: (id: string) => `/archiwum/${id}/`,
  draws: '/losowania/',
  /** Served by a function (src/lottery/http/results.ts): live results of one programme's draw. */
  draw: (id: string) => `/losowania/${id}/`,
} as const;

/** Fixed addresses of the static pages, by kind. */
export const pageUrls: Record<Exclude<PageKind, 'other'>, string> = {
  about: '/o-portalu/',
  accessibility: '/deklaracja-dostepnosci/',
  privacy: '/prywatnosc/',
};
