/**
 * Email content: every message has a plain-text part and an HTML part built
 * from the same pieces, with every interpolated value HTML-escaped
 * (src/lib/html.ts, the project's one escaper).
 */

import { html } from '../lib/html.ts';

export interface EmailContent {
  /** Polish, and free of personal data: subjects end up in mail logs. */
  subject: string;
  text: string;
  html: string;
}

/** A block of an email: a paragraph or a link with its label. */
export type EmailBlock = { paragraph: string } | { link: string; label: string };

/**
 * Builds both parts from the same blocks. In the text part a link stands on
 * its own line so every mail client makes it clickable and none breaks it.
 */
export function composeEmail(subject: string, blocks: readonly EmailBlock[]): EmailContent {
  const text = blocks.map((block) => ('paragraph' in block ? block.paragraph : `${block.label}:\n${block.link}`)).join('\n\n');
  const body = blocks.map((block) =>
    'paragraph' in block ? html`<p>${block.paragraph}</p>` : html`<p><a href="${block.link}">${block.label}</a></p>`,
  );
  const document = html`<!DOCTYPE html>
<html lang="pl">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${subject}</title></head>
<body style="font-family: sans-serif; line-height: 1.5; max-width: 40em">
${body}
</body>
</html>`;
  return { subject, text: `${text}\n`, html: document.value };
}

/** The http(s) links in a text part, in order (the local mail sink prints them). */
export function linksIn(text: string): string[] {
  return text.match(/https?:\/\/[^\s<>"]+/g) ?? [];
}
