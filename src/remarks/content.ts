/**
 * From the decisions stored in the database to the published content: the
 * list the consultation's `remarks` field takes (src/schemas/remarks.ts),
 * as YAML an editor pastes into the consultation's file (docs/consultation-results.md
 * says how). Remarks with the same topic, summary, decision and justification
 * become one entry standing for that many (`count`); the channel is the
 * form's. Actions are not in the database: the editor adds them in the CMS.
 *
 * Pure.
 */
import { stringify } from 'yaml';
import type { RemarkDecision } from '../data/consultations.ts';
import type { FormRemark } from './csv.ts';

/** One item of the `remarks` list as the content file holds it. */
export interface RemarkItem {
  topic: string;
  channel: 'form';
  count: number;
  summary: string;
  decision?: RemarkDecision;
  justification?: string;
}

/** The items of the decided remarks (those with a topic and a summary), grouped, in the order they were first sent. */
export function remarkItems(remarks: readonly FormRemark[]): RemarkItem[] {
  const items = new Map<string, RemarkItem>();
  for (const { decided } of remarks) {
    if (!decided) continue;
    const key = JSON.stringify([decided.topic, decided.summary, decided.decision ?? '', decided.decision ? decided.justification : '']);
    const known = items.get(key);
    if (known) {
      known.count++;
      continue;
    }
    items.set(key, {
      topic: decided.topic,
      channel: 'form',
      count: 1,
      summary: decided.summary,
      ...(decided.decision ? { decision: decided.decision, justification: decided.justification } : {}),
    });
  }
  return [...items.values()];
}

/**
 * The YAML block to put in the consultation's front matter: `remarks:` and
 * its items, or an empty string when nothing is decided. Strings are quoted
 * as YAML needs (a colon, a leading "=", Polish letters stay as they are).
 */
export function remarksYaml(items: readonly RemarkItem[]): string {
  return items.length === 0 ? '' : stringify({ remarks: items }, { lineWidth: 0 });
}
