/**
 * The planned consultations of a year as an iCalendar subscription
 * (/konsultacje/plan/<rok>.ics, issue 16): src/lib/plan-calendar.ts.
 */
import type { APIRoute } from 'astro';
import { sortedPlans, type Plan } from '../../../collections/plans.ts';
import { buildPlanCalendar } from '../../../lib/plan-calendar.ts';
import { urls } from '../../../lib/urls.ts';

export async function getStaticPaths() {
  return (await sortedPlans()).map((plan) => ({ params: { year: String(plan.data.year) }, props: { plan } }));
}

export const GET: APIRoute<{ plan: Plan }> = ({ props, site }) => {
  if (!site) throw new Error('Kalendarz wymaga adresu strony: ustaw `site` w astro.config.mjs (SITE_URL).');
  const { year } = props.plan.data;
  const ics = buildPlanCalendar(props.plan.data, { site, url: new URL(urls.planFeed(year), site).href, page: new URL(urls.plan(year), site).href });
  return new Response(ics, { headers: { 'Content-Type': 'text/calendar; charset=utf-8' } });
};
