import { z } from 'astro/zod';
import { planMethods } from '../data/consultation-requests.ts';
import { labelled, withRules, type ReferenceFactory } from './common.ts';

/** One consultation the city plans for a year, and the consultation held on it once there is one. */
const planItem = (reference: ReferenceFactory) =>
  z.object({
    /** What it is to be about. */
    topic: labelled(z.string().trim().min(1), 'Temat'),
    /** The office responsible. */
    unit: labelled(z.string().trim().min(1), 'Jednostka odpowiedzialna'),
    /** When in the year, 1–4. */
    quarter: labelled(z.number().int().min(1).max(4), 'Kwartał', 'Numer kwartału: 1 (styczeń–marzec) … 4 (październik–grudzień).'),
    /** How it is to be run. */
    method: labelled(z.enum(planMethods.values), 'Forma'),
    /** The consultation in the register that carried it out. */
    consultation: labelled(reference('consultations').optional(), 'Przeprowadzone konsultacje', 'Wybierz z rejestru konsultacje, które zrealizowały tę pozycję planu, gdy już się odbyły lub trwają.'),
  });

/**
 * The annual consultation plan (roczny plan konsultacji), one Markdown file per
 * year in src/content/plany-konsultacji/ whose body is its introduction
 * (issue 16; docs/consultation-requests.md). The page sets it beside the
 * consultations actually held that year (src/lib/consultation-plan.ts).
 */
export const planSchema = (reference: ReferenceFactory) =>
  withRules(
    z.object({
      /** The year planned. */
      year: labelled(z.number().int().min(2000).max(2100), 'Rok'),
      /** The planned consultations. */
      items: labelled(z.array(planItem(reference)).default([]), 'Planowane konsultacje'),
    }),
    [
      {
        id: 'plan.consultation-once',
        path: ['items'],
        message: 'Te same konsultacje z rejestru są wskazane przy dwóch pozycjach planu; jedne konsultacje realizują jedną pozycję.',
        hint: 'Każde konsultacje z rejestru wskazuj tylko przy jednej pozycji.',
        check: (plan) => {
          const ids = plan.items.flatMap((item) => (item.consultation ? [item.consultation.id] : []));
          return new Set(ids).size === ids.length;
        },
      },
    ],
  );
