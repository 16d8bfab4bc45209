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
import { hideRefusal, SaveRefused, showRefusal } from './refusal.ts';

const CMS = window.CMS;

CMS.registerEventListener({
  name: 'preSave',
  handler: ({ entry }) => {
    const collection = entry.get('collection');
    const data = entry.get('data') as ImmutableValue;
    const plain = data.toJS() as Record<string, unknown>;
    if (!isCollectionName(collection)) return undefined;
    const reasons = describeProblems(problemsOf(collection, plain));
    if (reasons.length > 0) {
      showRefusal('Nie zapisano. Popraw, proszę:', reasons);
      // Throwing here makes Decap abandon the save and show the error (backend.persistEntry).
      throw new SaveRefused(`popraw ${pluralWord(reasons.length, 'pole', 'pola', 'pola')}`, reasons);
    }
    hideRefusal();
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
