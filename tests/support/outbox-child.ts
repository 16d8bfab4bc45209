/**
 * A second process for the outbox lease test: delivers what is due in the
 * PostgreSQL database at <url> through SMTP at <smtp url>, with a lease of
 * <lease ms>, printing "sending <outbox id>" as each send begins, and is
 * killed (-9) by the test while a send hangs.
 *   node outbox-child.ts <database url> <smtp url> <lease ms>
 */
import { openPostgres } from '../../src/db/postgres.ts';
import { deliverDue } from '../../src/mail/outbox.ts';
import { createMailTransport } from '../../src/mail/transport.ts';

const [url = '', smtpUrl = '', lease = '30000'] = process.argv.slice(2);
const db = openPostgres(url);
const transport = createMailTransport({ SMTP_URL: smtpUrl, MAIL_FROM: 'Wspólnie <powiadomienia@wspolnie.example>' });
await deliverDue(db, { send: (email) => (console.log(`sending ${email.id}`), transport.send(email)) }, new Date(), { leaseMs: Number(lease) });
