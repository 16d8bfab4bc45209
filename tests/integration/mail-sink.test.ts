/**
 * The local mail sink behind `npm start` with no SMTP_URL: each email is an
 * .eml file a mail client can open, and the console shows its subject and
 * links so the person testing can click through — never the address.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PostalMime from 'postal-mime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeEmail } from '../../src/mail/template.ts';
import { createMailTransport, defaultFrom } from '../../src/mail/transport.ts';

describe('local mail sink', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wspolnie-sink-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('writes an .eml file and prints the subject and links, not the address', async () => {
    const printed: string[] = [];
    const transport = createMailTransport({ WSPOLNIE_MAIL_SINK_DIR: dir }, (line) => printed.push(line));
    expect(transport.description).toContain(dir);
    const link = 'http://127.0.0.1:4321/zgloszenia/potwierdz?t=abc-DEF_123';
    const content = composeEmail('Potwierdź zgłoszenie — źdźbło', [{ paragraph: 'Dzień dobry, Łucjo!' }, { link, label: 'Potwierdzam' }]);
    await transport.send({ ...content, id: '6f1c9a52-0b7e-4a43-9d0e-2f4d3c1b8a77', to: 'łucja.tajna@example.pl' });
    transport.close();

    const [file, ...others] = await readdir(dir);
    expect(others).toEqual([]);
    expect(file).toMatch(/6f1c9a52-0b7e-4a43-9d0e-2f4d3c1b8a77\.eml$/);
    const parsed = await PostalMime.parse(await readFile(join(dir, file ?? '')));
    expect(parsed.subject).toBe('Potwierdź zgłoszenie — źdźbło');
    expect(parsed.to?.[0]).toMatchObject({ address: 'łucja.tajna@example.pl' });
    expect(parsed.from?.address).toBe(/<(.+)>/.exec(defaultFrom)?.[1]);
    expect(parsed.text).toContain(link);
    expect(parsed.html).toContain(`href="${link}"`);

    expect(printed.join('\n')).toContain('„Potwierdź zgłoszenie — źdźbło”');
    expect(printed).toContain(`  link: ${link}`);
    expect(printed.join('\n')).not.toContain('tajna');
  });
});
