/**
 * Deleting one person's data on their request (GDPR art. 17), done by
 * staff: the same withdrawal a person does with the link in their email —
 * personal columns NULL, the public code kept and marked withdrawn, queued
 * emails dropped, a freed first-come place given to the next person
 * waiting — plus the audit row, in one transaction. Works the same for a
 * programme no longer on the site (no catalogue entry: no place to hand
 * on); the audit row names the programme by the application's own id.
 */
import type { Database } from '../db/database.ts';
import { withdrawInTransaction, type WithdrawOptions, type WithdrawResult } from '../enrolment/withdraw.ts';
import { recordAudit } from '../panel/audit.ts';

export async function deletePersonData(
  db: Database,
  applicationId: string,
  options: WithdrawOptions & { staffId: string },
): Promise<WithdrawResult & { programmeId?: string }> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{ programme_id: string }>('SELECT programme_id FROM applications WHERE id = $1', [applicationId]);
    const result = await withdrawInTransaction(tx, applicationId, options);
    const programmeId = rows[0]?.programme_id;
    if (result.kind === 'withdrawn') {
      await recordAudit(tx, { staffId: options.staffId, action: 'delete', programmeId, target: result.code, at: options.now });
    }
    return programmeId === undefined ? result : { ...result, programmeId };
  });
}
