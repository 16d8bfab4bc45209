/**
 * The admin's own script (bundled to public/admin/wspolnie-cms.js by
 * src/integrations/decap.ts, loaded after decap-cms.js):
 *   - refuses a save the build would refuse, with the Polish reasons;
 *   - drops the empty values Decap leaves for cleared fields, so an optional
 *     field is absent rather than "" (which a URL or a date would reject);
 *   - previews entries with the site's stylesheet and page structure.
 */
// First, so an event's calendar revision is raised before the check below sees the entry.
import './calendar-revision.ts';
import { pluralWord } from '../../lib/plural.ts';
import { describeProblems, emptyPaths, isCollectionName, problemsOf } from '../validate.ts';
import type { ImmutableValue, PreviewProps } from './decap.ts';
import { eventPreview, newsPreview, pagePreview, programmePreview, reportPreview } from './previews.ts';
import './announcement-lock.ts'; // refuses a change of what a lottery announced (registers first)
import { watchRequiredNotes } from './required-notes.ts';

const CMS = window.CMS;

/** Decap shows a failed save as "Nie udało się zapisać pozycji: <error>"; this error reads well there. */
class SaveRefused extends Error {
  readonly reasons: string[];
  constructor(reasons: string[]) {
    super(reasons.join(' • '));
    this.name = 'SaveRefused';
    this.reasons = reasons;
  }
  override toString(): string {
    return `popraw ${pluralWord(this.reasons.length, 'pole', 'pola', 'pola')}: ${this.message}`;
  }
}

const ALERT_ID = 'wspolnie-save-refused';

/** The reasons stay on screen until the next save: Decap's own message disappears after 8 seconds. */
function showReasons(reasons: string[]): void {
  hideReasons();
  const box = document.createElement('div');
  box.id = ALERT_ID;
  box.setAttribute('role', 'alert');
  box.style.cssText = 'position:fixed;z-index:100000;right:16px;bottom:16px;max-width:32rem;background:#fdecea;color:#1a1a1a;border:2px solid #a4161a;border-left-width:8px;border-radius:6px;padding:12px 16px;font:15px/1.5 system-ui,sans-serif;box-shadow:0 4px 16px rgba(0,0,0,.2)';
  const title = document.createElement('p');
  title.style.cssText = 'margin:0 0 6px;font-weight:700';
  title.textContent = 'Nie zapisano. Popraw, proszę:';
  const items = document.createElement('ul');
  items.style.cssText = 'margin:0;padding-left:20px';
  for (const reason of reasons) {
    const li = document.createElement('li');
    li.textContent = reason;
    items.append(li);
  }
  const close = document.createElement('button');
  close.type = 'button';
  close.textContent = 'Zamknij';
  close.style.cssText = 'margin-top:8px;font:inherit;padding:2px 10px;cursor:pointer';
  close.addEventListener('click', hideReasons);
  box.append(title, items, close);
  document.body.append(box);
}

function hideReasons(): void {
  document.getElementById(ALERT_ID)?.remove();
}

CMS.registerEventListener({
  name: 'preSave',
  handler: ({ entry }) => {
    const collection = entry.get('collection');
    const data = entry.get('data') as ImmutableValue;
    const plain = data.toJS() as Record<string, unknown>;
    if (!isCollectionName(collection)) return undefined;
    const reasons = describeProblems(problemsOf(collection, plain));
    if (reasons.length > 0) {
      showReasons(reasons);
      // Throwing here makes Decap abandon the save and show the error (backend.persistEntry).
      throw new SaveRefused(reasons);
    }
    hideReasons();
    // What Decap writes: the same data without the empty leftovers (deepest first).
    return emptyPaths(plain).reduce((tidy, path) => tidy.deleteIn(path), data);
  },
});

// Fields a rule may require say so after their label instead of Decap's "(opcjonalne)".
watchRequiredNotes();

CMS.registerPreviewStyle('/admin/preview.css');
const template = (render: (props: PreviewProps) => unknown) =>
  window.createClass({
    render() {
      return render(this.props);
    },
  });
CMS.registerPreviewTemplate('events', template(eventPreview));
CMS.registerPreviewTemplate('news', template(newsPreview));
CMS.registerPreviewTemplate('programmes', template(programmePreview));
CMS.registerPreviewTemplate('reports', template(reportPreview));
CMS.registerPreviewTemplate('pages', template(pagePreview));
