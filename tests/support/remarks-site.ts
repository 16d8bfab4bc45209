/**
 * A fixture site with two consultations of our own (issue 16): one with
 * remarks of every kind (decided, undecided, identical ones grouped, actions),
 * one long over with neither a report nor remarks. Built once per run by
 * builtFixtureSite; tests/integration/consultation-results.test.ts reads
 * the HTML and searches it, tests/browser/system/consultation-results.spec.ts
 * runs axe on its pages.
 */
import { builtFixtureSite, type FixtureSite } from './fixture-site.ts';

export const withResults = `---
title: Zieleń i ruch na Zabłociu
question: Jak zmienić skwer i ulice wokół niego?
summary: Konsultacje przebudowy skweru przy ulicy Przemysłowej.
status: completed
period:
  start: 2026-05-01
  end: 2026-05-31
methods:
  - form
  - meeting
  - duty-phone
contact:
  name: Referat ds. Partycypacji i Dialogu
remarks:
  - topic: Zieleń
    channel: form
    count: 3
    summary: Prośba o więcej ławek i cienia na skwerze przy ulicy Przemysłowej.
    decision: accepted
    justification: Projekt przewiduje sześć ławek pod drzewami.
    actions:
      - action: Dodanie ławek do projektu skweru
        unit: Zarząd Zieleni Miejskiej
        status: done
        date: 2026-07-15
      - action: Nasadzenie ośmiu lip
        unit: Zarząd Zieleni Miejskiej
        status: planned
        date: 2026-10-20
  - topic: Bezpieczeństwo
    channel: letter
    count: 1
    summary: Wniosek o przejście dla pieszych przy żłobku Źródełko.
    decision: rejected
    justification: Przejście jest 40 metrów dalej; drugie nie spełnia warunków technicznych.
  - topic: Parkowanie
    channel: duty-phone
    count: 2
    summary: Mniej miejsc parkingowych wzdłuż skweru.
    decision: partly-accepted
    justification: Ubędzie sześć z dwunastu miejsc.
  - topic: Hałas
    channel: meeting
    count: 1
    summary: Hałas z dostaw do sklepów nocą.
---

Opis konsultacji.
`;

export const overdueEnd = '2025-01-10';
export const overdue = `---
title: Plac zabaw w Bronowicach
question: Jaki plac zabaw?
summary: Konsultacje placu zabaw.
status: closed
period:
  start: 2024-12-01
  end: ${overdueEnd}
methods:
  - meeting
contact:
  name: Referat ds. Partycypacji i Dialogu
---

Opis.
`;

/** The built copy (its own folder; the caller removes it). */
export const remarksSite = (): Promise<FixtureSite> =>
  builtFixtureSite({ 'src/content/konsultacje/zielen-zablocie.md': withResults, 'src/content/konsultacje/plac-zabaw-bronowice.md': overdue }, 'wspolnie-remarks-');
