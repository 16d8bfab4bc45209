/**
 * The staff CSV round trip of a consultation's form remarks (issue 16), over
 * HTTP against the real app on PGlite and PostgreSQL: the export for the
 * responsible unit (Polish letters, a formula-looking remark neutralised,
 * withdrawn and unconfirmed remarks left out), the unit's file read back with
 * a preview that changes nothing and names each bad row (row, column, why),
 * the confirmation that stores the good rows and audits them, the second
 * export carrying the decisions, and the YAML list the content takes, which
 * the consultation's own schema accepts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { z } from 'astro/zod';
import { parseCsv, toCsv } from '../../src/lib/csv.ts';
import { remark } from '../../src/schemas/remarks.ts';
import { remarkColumns } from '../../src/remarks/csv.ts';
import { engines } from '../support/databases.ts';
import type { EnrolmentApp } from '../support/enrolment-app.ts';
import { cookieHeader, sameOrigin, seedApplication, signIn, startPanelApp, type Seeded } from '../support/panel.ts';
import { createSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';

const consultation = 'park-za-torami';
const page = `/panel/uwagi/?p=${consultation}`;
const messages = {
  polish: 'Proszę o więcej ławek i źródełko z wodą pitną przy placu zabaw na Łagiewnikach. Zofia Żółkiewska, tel. 600 100 200',
  formula: '=HYPERLINK("https://zly.example/";"Kliknij")',
  short: 'Za mało cienia.',
  alsoShade: 'Brakuje drzew dających cień.',
};

describe.each(engines)('remarks exported and decided on $name', (engine) => {
  let t: EnrolmentApp;
  let sink: SmtpSink;
  let token: string;
  const remarks: Record<keyof typeof messages, Seeded> = {} as never;
  let withdrawn: Seeded;
  let pending: Seeded;
  const rows = <T,>(sql: string, params: unknown[] = []) => t.database.db.query(sql, params).then((r) => r.rows as T[]);
  const post = (path: string, body: BodyInit, form = true) =>
    fetch(`${t.origin}${path}`, { method: 'POST', body, redirect: 'manual', headers: { ...(form ? sameOrigin(t.origin) : { Origin: t.origin, 'Sec-Fetch-Site': 'same-origin' }), ...cookieHeader(token) } });
  const exportCsv = async () => {
    const response = await post(`/panel/uwagi/eksport/?p=${consultation}`, new URLSearchParams({ plik: 'csv' }));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(/attachment; filename="uwagi-park-za-torami-\d{4}-\d\d-\d\d\.csv"/);
    return new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
  };
  const upload = (csv: string) => {
    const form = new FormData();
    form.set('plik', new Blob([csv], { type: 'text/csv' }), 'rozstrzygniecia.csv');
    return post(`/panel/uwagi/import/?p=${consultation}`, form, false);
  };

  beforeAll(async () => {
    sink = await createSmtpSink();
    await sink.start();
    t = await startPanelApp(engine, sink);
    for (const [key, message] of Object.entries(messages)) {
      const seeded = await seedApplication(t.database.db, { programme: consultation, status: 'confirmed' });
      await t.database.db.query('UPDATE applications SET message = $2 WHERE id = $1', [seeded.id, message]);
      remarks[key as keyof typeof messages] = seeded;
    }
    withdrawn = await seedApplication(t.database.db, { programme: consultation, status: 'withdrawn' });
    pending = await seedApplication(t.database.db, { programme: consultation, status: 'pending' });
    token = await signIn(t);
  });
  afterAll(async () => {
    await t?.close();
    await sink?.dispose();
  });

  it('exports the confirmed remarks for the unit: BOM, Polish letters, a formula neutralised, audited', async () => {
    const csv = await exportCsv();
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const [header, ...lines] = parseCsv(csv);
    expect(header).toEqual(Object.values(remarkColumns));
    expect(lines.map((l) => l[0]).sort()).toEqual(Object.values(remarks).map((r) => r.code).sort());
    expect(lines.find((l) => l[0] === remarks.polish.code)![2]).toBe(messages.polish);
    expect(lines.find((l) => l[0] === remarks.formula.code)![2]).toBe(`'${messages.formula}`);
    expect(csv).not.toContain(withdrawn.code);
    expect(csv).not.toContain(pending.code);
    expect(await rows(`SELECT detail FROM audit_log WHERE action = 'remarks-export' AND programme_id = $1`, [consultation])).toEqual([{ detail: 'uwag: 4' }]);
  });

  it('previews the unit’s file without storing anything, naming each bad row, then stores the good rows when confirmed', async () => {
    const exported = parseCsv(await exportCsv());
    const header = exported[0]!;
    const filled = exported.slice(1).map((line) => {
      const code = line[0]!;
      const cells = [...line];
      if (code === remarks.polish.code) cells.splice(3, 4, 'Zieleń i woda', 'Więcej ławek i źródełko z wodą pitną przy placu zabaw (Łagiewniki).', 'Częściowo uwzględniona', 'Źródełko tak; ławki są już w projekcie.');
      // A remark beginning like a formula, written by the unit: text, never evaluated.
      if (code === remarks.formula.code) cells.splice(3, 4, 'Inne', '=link do strony spoza Krakowa', 'poza zakresem', 'Uwaga nie dotyczy parku.');
      if (code === remarks.short.code) cells.splice(3, 4, 'Cień', 'Za mało cienia.', 'Przyjęta', 'Posadzimy drzewa.');
      if (code === remarks.alsoShade.code) cells.splice(3, 4, 'Cień', 'Za mało cienia.', 'Uwzględniona', '');
      return cells;
    });
    const unknownCode = ['ZZZZ-ZZZZ', '', '', 'Cień', 'Coś', 'Uwzględniona', 'Bo tak.'];
    const csv = toCsv(header, [...filled, unknownCode]);
    const before = await rows('SELECT count(*)::int AS n FROM remark_decisions');

    const preview = await upload(csv);
    const html = await preview.text();
    expect(preview.status, html.slice(0, 2000)).toBe(200);
    const rowOf = (code: string) => 2 + filled.findIndex((l) => l[0] === code);
    expect(html).toContain(`Wiersz ${rowOf(remarks.short.code)}, kolumna „Rozstrzygnięcie”: Nieznane rozstrzygnięcie „Przyjęta”`);
    expect(html).toContain(`Wiersz ${rowOf(remarks.alsoShade.code)}, kolumna „Uzasadnienie”: Podaj uzasadnienie rozstrzygnięcia`);
    expect(html).toContain(`Wiersz 6, kolumna „Kod uwagi”: Nie ma uwagi o kodzie ZZZZ-ZZZZ w tych konsultacjach.`);
    expect(html).toContain('Do zapisania: 2 uwagi (nowe: 2, zmienione: 0); bez zmian: 0; puste wiersze: 0; z błędami: 3.');
    expect(html).toContain('Więcej ławek i źródełko z wodą pitną przy placu zabaw (Łagiewniki).');
    expect(await rows('SELECT count(*)::int AS n FROM remark_decisions')).toEqual(before);

    const confirmation = /name="plik" value="([A-Za-z0-9_-]+)"/.exec(html)![1]!;
    const saved = await post(`/panel/uwagi/import/?p=${consultation}`, new URLSearchParams({ plik: confirmation, potwierdz: 'tak' }));
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`${page}&zapisano=2#zapisano`);
    const stored = await rows<{ code: string; topic: string; summary: string; decision: string; justification: string }>(
      `SELECT a.registration_code AS code, d.topic, d.summary, d.decision, d.justification FROM remark_decisions d JOIN applications a ON a.id = d.application_id ORDER BY d.topic`,
    );
    expect(stored).toEqual([
      { code: remarks.formula.code, topic: 'Inne', summary: '=link do strony spoza Krakowa', decision: 'out-of-scope', justification: 'Uwaga nie dotyczy parku.' },
      { code: remarks.polish.code, topic: 'Zieleń i woda', summary: 'Więcej ławek i źródełko z wodą pitną przy placu zabaw (Łagiewniki).', decision: 'partly-accepted', justification: 'Źródełko tak; ławki są już w projekcie.' },
    ]);
    expect(await rows(`SELECT detail FROM audit_log WHERE action = 'remarks-import' AND programme_id = $1`, [consultation])).toEqual([{ detail: 'zapisanych: 2, z błędami: 3' }]);

    // The same file again: nothing new to store.
    const again = await (await upload(csv)).text();
    expect(again).toContain('Do zapisania: 0 uwag (nowe: 0, zmienione: 0); bez zmian: 2;');
  });

  it('exports the stored decisions back, the unit’s formula-looking summary neutralised again', async () => {
    const lines = parseCsv(await exportCsv()).slice(1);
    expect(lines.find((l) => l[0] === remarks.polish.code)!.slice(3)).toEqual(['Zieleń i woda', 'Więcej ławek i źródełko z wodą pitną przy placu zabaw (Łagiewniki).', 'Częściowo uwzględniona', 'Źródełko tak; ławki są już w projekcie.']);
    expect(lines.find((l) => l[0] === remarks.formula.code)!.slice(3, 5)).toEqual(['Inne', "'=link do strony spoza Krakowa"]);
    // Re-imported as exported, the apostrophe comes off again: nothing changes.
    const preview = await (await upload(toCsv(Object.values(remarkColumns), lines))).text();
    expect(preview).toContain('Do zapisania: 0 uwag');
  });

  it('offers the decided remarks as the list the consultation’s content takes', async () => {
    const pageHtml = await (await fetch(`${t.origin}${page}`, { headers: cookieHeader(token) })).text();
    expect(pageHtml).toContain('Lista uwag dla pola „Uwagi i rozstrzygnięcia”');
    const response = await post(`/panel/uwagi/eksport/?p=${consultation}`, new URLSearchParams({ plik: 'yaml' }));
    expect(response.status).toBe(200);
    const parsed = parseYaml(await response.text()) as { remarks: unknown[] };
    const items = z.array(remark).parse(parsed.remarks);
    expect(items).toEqual([
      { topic: 'Zieleń i woda', channel: 'form', count: 1, summary: 'Więcej ławek i źródełko z wodą pitną przy placu zabaw (Łagiewniki).', decision: 'partly-accepted', justification: 'Źródełko tak; ławki są już w projekcie.' },
      { topic: 'Inne', channel: 'form', count: 1, summary: '=link do strony spoza Krakowa', decision: 'out-of-scope', justification: 'Uwaga nie dotyczy parku.' },
    ]);
    // The residents' own words never reach the content.
    expect(JSON.stringify(parsed)).not.toContain('Żółkiewska');
  });

  it('reads a file saved with commas, and answers an empty file, a file of headers only and a file over the limit on the panel page', async () => {
    const exported = parseCsv(await exportCsv());
    const header = exported[0]!;
    const line = [...exported.find((l) => l[0] === remarks.short.code)!];
    line.splice(3, 4, 'Cień', 'Za mało cienia, zwłaszcza latem.', 'Uwzględniona', 'Posadzimy drzewa; dwa rzędy.');
    const commaCsv = [header, line].map((cells) => cells.map((c) => (/[",]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\n') + '\n';
    const commas = await (await upload(commaCsv)).text();
    expect(commas).toContain('Za mało cienia, zwłaszcza latem.');
    expect(commas).toContain('z błędami: 0.');
    expect(commas).not.toContain('role="alert"');

    const fileOf = (bytes: BlobPart, name = 'rozstrzygniecia.csv') => {
      const form = new FormData();
      form.set('plik', new Blob([bytes], { type: 'text/csv' }), name);
      return post(`/panel/uwagi/import/?p=${consultation}`, form, false);
    };
    const empty = await fileOf('');
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain('Wybrany plik jest pusty (0 bajtów).');
    const headersOnly = await upload(toCsv(header, []));
    expect(headersOnly.status).toBe(422);
    expect(await headersOnly.text()).toContain('W pliku są tylko nagłówki, bez żadnego wiersza z uwagą.');
    // Over the import's 2 MB and under the server's own limit: the panel's page says the limit.
    const big = await fileOf('x'.repeat(2 * 1024 * 1024 + 10));
    const bigPage = await big.text();
    expect(big.status).toBe(422);
    expect(bigPage).toContain('Plik jest za duży (najwyżej 2 MB).');
    expect(bigPage).toContain('<h1>Wczytaj plik z rozstrzygnięciami</h1>');
  });

  it('refuses a workbook, a file without the columns, and a programme that is not a consultation, in Polish', async () => {
    const workbook = await upload('PK\u0003\u0004 not a csv');
    expect(workbook.status).toBe(422);
    expect(await workbook.text()).toContain('To jest plik Excela (.xlsx), a nie CSV.');
    const columns = await upload('\uFEFFKod;Temat\r\nABCD-EFGH;Zieleń\r\n');
    expect(columns.status).toBe(422);
    expect(await columns.text()).toContain('W pierwszym wierszu pliku brakuje kolumn „Kod uwagi”, „Streszczenie (bez danych osobowych)”, „Rozstrzygnięcie”, „Uzasadnienie”.');
    const programme = await fetch(`${t.origin}/panel/uwagi/?p=warsztaty-zielone-podworka`, { headers: cookieHeader(token) });
    expect(programme.status).toBe(404);
    expect(await programme.text()).toContain('Uwagi i rozstrzygnięcia prowadzi się tylko dla konsultacji z formularzem uwag.');
  });
});
