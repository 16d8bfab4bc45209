/**
 * The requests for a consultation, for the support functions and the
 * scheduled job (src/requests/requests-file.ts explains why a file): each
 * request's id, title, page, filing day, procedure, applicant kind, the
 * supporters its rule set needs, its current status and that status's day,
 * the last day of online support and the day of the final answer. Public:
 * it says only what the request's page says.
 */
import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import { builtAt } from '../../collections/content.ts';
import { ruleSetOn, supportersNeeded } from '../../data/consultation-rules.ts';
import { urls } from '../../lib/urls.ts';
import { finalAnswerDay, type RequestsFile } from '../../requests/requests-file.ts';

export const GET: APIRoute = async () => {
  const requests = await getCollection('requests');
  const file: RequestsFile = {
    generatedAt: builtAt.toISOString(),
    requests: requests.map(({ id, data }) => {
      const current = data.history.at(-1)!;
      return {
        id,
        title: data.title,
        url: urls.request(id),
        filedOn: data.filedOn,
        procedure: data.procedure,
        applicantKind: data.applicant.kind,
        supportersNeeded: supportersNeeded(ruleSetOn(data.filedOn), data.applicant.kind, data.procedure),
        status: current.status,
        statusOn: current.date,
        supportUntil: data.onlineSupport?.until ?? null,
        finalAnswerOn: finalAnswerDay(data.history),
      };
    }),
  };
  return new Response(JSON.stringify(file, null, 1), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
