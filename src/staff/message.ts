/**
 * A message from staff to everyone confirmed in a programme: one outbox row
 * per person, all queued in one transaction with the audit row, so either
 * everyone gets it or nobody does and the log says so. Each email carries the
 * person's registration code and withdrawal link, like every email the
 * portal sends. Waitlisted people get it only when staff tick the box: they
 * have no place yet, and most messages (room, what to bring) are not theirs.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'astro/zod';
import type { Database } from '../db/database.ts';
import type { CatalogueEntry } from '../catalogue/catalogue.ts';
import type { LinkSigner } from '../http/links.ts';
import { enqueueEmail } from '../mail/outbox.ts';
import { composeEmail, type EmailBlock } from '../mail/template.ts';
import { plural } from '../lib/plural.ts';
import { recordAudit } from '../panel/audit.ts';

export const subjectMaxLength = 150;
export const bodyMaxLength = 5000;

export const staffMessage = z.object({
  subject: z
    .string()
    .trim()
    .min(1, { error: 'Wpisz temat wiadomości' })
    .max(subjectMaxLength, { error: `Temat może mieć najwyżej ${plural(subjectMaxLength, 'znak', 'znaki', 'znaków')}` })
    .regex(/^[^\r\n]*$/, { error: 'Temat musi mieścić się w jednym wierszu' }),
  body: z.string().trim().min(1, { error: 'Wpisz treść wiadomości' }).max(bodyMaxLength, { error: `Treść może mieć najwyżej ${plural(bodyMaxLength, 'znak', 'znaki', 'znaków')}` }),
  includeWaitlisted: z.boolean(),
});

export type StaffMessage = z.output<typeof staffMessage>;

/** The statuses that receive a message: confirmed (lottery, open) and accepted (first-come), and the waiting list if asked. */
const recipientStatuses = (includeWaitlisted: boolean) => ['confirmed', 'accepted', ...(includeWaitlisted ? ['waitlisted'] : [])];

function messageEmail(message: StaffMessage, entry: CatalogueEntry, code: string, withdrawUrl: string) {
  const paragraphs = message.body.split(/\r?\n\s*\r?\n/).map((p) => p.trim()).filter(Boolean);
  const blocks: EmailBlock[] = [
    ...paragraphs.map((paragraph) => ({ paragraph })),
    { paragraph: `Wiadomość dotyczy Twojego zgłoszenia na „${entry.title}”. Kod zgłoszenia: ${code}.` },
    { paragraph: 'Jeśli nie możesz wziąć udziału, zrezygnuj, żeby zwolnić miejsce. Twoje dane zostaną wtedy usunięte:' },
    { link: withdrawUrl, label: 'Rezygnuję i usuwam moje dane' },
    { paragraph: 'Zespół portalu Wspólnie — Kraków' },
  ];
  return composeEmail(message.subject, blocks);
}

export interface SendOptions {
  /** Made when the form was shown: sending the same form twice queues nothing the second time. */
  messageId?: string;
  entry: CatalogueEntry;
  staffId: string;
  links: LinkSigner;
  now: Date;
}

export async function sendStaffMessage(db: Database, message: StaffMessage, { entry, staffId, links, now, messageId = randomUUID() }: SendOptions): Promise<{ messageId: string; queued: number; again: boolean }> {
  return db.transaction(async (tx) => {
    const { rows: before } = await tx.query<{ detail: string | null }>(`SELECT detail FROM audit_log WHERE action = 'message' AND target = $1`, [messageId]);
    if (before[0]) return { messageId, queued: Number(/\d+/.exec(before[0].detail ?? "")?.[0] ?? 0), again: true };
    const { rows } = await tx.query<{ id: string; email: string; registration_code: string }>(
      'SELECT id, email, registration_code FROM applications WHERE programme_id = $1 AND status = ANY ($2) AND email IS NOT NULL ORDER BY created_at',
      [entry.id, recipientStatuses(message.includeWaitlisted)],
    );
    let count = 0;
    for (const row of rows) {
      const content = messageEmail(message, entry, row.registration_code, links.withdrawUrl(row.id));
      if (await enqueueEmail(tx, { kind: 'staff-message', dedupeKey: `staff-message:${messageId}:${row.id}`, to: row.email, ...content }, now)) count++;
    }
    await recordAudit(tx, { staffId, action: 'message', programmeId: entry.id, target: messageId, detail: `odbiorców: ${count}`, at: now });
    return { messageId, queued: count, again: false };
  });
}
