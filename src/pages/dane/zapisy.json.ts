/**
 * The enrolment blocks of every programme and consultation that takes
 * sign-ups, for the functions (src/catalogue/catalogue.ts explains why a
 * file). Public: it says only what the pages already say.
 */
import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import type { CatalogueFile, Enrolment } from '../../catalogue/catalogue.ts';
import { builtAt } from '../../collections/content.ts';
import { urls } from '../../lib/urls.ts';

type Written = CatalogueFile['entries'][number];

const block = (e: Enrolment): Written['enrolment'] => ({
  ...e,
  opens: e.opens.toISOString(),
  closes: e.closes.toISOString(),
  drawDate: e.drawDate?.toISOString(),
});

export const GET: APIRoute = async () => {
  const [programmes, consultations] = await Promise.all([getCollection('programmes'), getCollection('consultations')]);
  const entries: Written[] = [
    ...programmes.flatMap(({ id, data }) =>
      data.enrolment
        ? [{ id, kind: 'programme' as const, title: data.title, page: urls.programme(id), closedEarly: data.status === 'cancelled', enrolment: block(data.enrolment) }]
        : [],
    ),
    ...consultations.flatMap(({ id, data }) =>
      data.enrolment
        ? [{ id, kind: 'consultation' as const, title: data.title, page: urls.consultation(id), closedEarly: false, enrolment: block(data.enrolment) }]
        : [],
    ),
  ];
  // Both forms post the bare id as `programme`; two alike would send sign-ups to the wrong one.
  const ids = entries.map((e) => e.id);
  const twice = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (twice.length > 0) {
    throw new Error(`Program i konsultacje z formularzem mają ten sam identyfikator (${twice.join(', ')}): zmień nazwę pliku jednego z nich, bo formularze by się myliły.`);
  }
  const file: CatalogueFile = { generatedAt: builtAt.toISOString(), entries };
  return new Response(JSON.stringify(file, null, 1), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
