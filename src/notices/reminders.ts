/**
 * Reminders: 48 hours before each event that is not cancelled, one email to
 * every person with a place in a programme the event concerns
 * (rules.ts), once per person and occasion (the dedupe key names the event
 * and the day it starts on; see reminderOccasion).
 */
import type { Database } from '../db/database.ts';
import { enqueueEmails, type QueuedEmail } from '../mail/outbox.ts';
import { reminderEmail } from './emails.ts';
import type { EventsFile } from './events-file.ts';
import { pageUrlOf, participantsOf, programmeTitleOf, reminded, reminderKey, type NoticeContext } from './participants.ts';
import { programmesConcerned, reminderDue, reminderOccasion } from './rules.ts';

export async function queueReminders(db: Database, data: EventsFile, context: NoticeContext, now: Date): Promise<number> {
  let queued = 0;
  for (const event of data.events.filter((e) => reminderDue(e, now))) {
    const occasion = reminderOccasion(event);
    queued += await db.transaction(async (tx) => {
      const people = await participantsOf(tx, programmesConcerned(event, context.programmes), reminded, { prefix: 'event-reminder:', suffix: `:${occasion}` });
      const programmeTitle = programmeTitleOf(event, context.programmes);
      const pageUrl = pageUrlOf(event, context.siteUrl);
      const emails: QueuedEmail[] = people.map((person) => ({
        ...reminderEmail({ event, programmeTitle, pageUrl, code: person.registration_code, waitlisted: false, withdrawUrl: context.links.withdrawUrl(person.id) }),
        kind: 'event-reminder',
        dedupeKey: reminderKey(person.id, occasion),
        to: person.email,
      }));
      return enqueueEmails(tx, emails, now);
    });
  }
  return queued;
}
