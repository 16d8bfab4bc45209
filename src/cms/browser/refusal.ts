/**
 * The box a refused save shows in the CMS, shared by every preSave check
 * (main.ts's schema check, announcement-lock.ts): Decap's own message
 * disappears after 8 seconds, so the reasons stay on screen, announced to
 * screen readers (role="alert"), until the next save or "Zamknij".
 */
const ALERT_ID = 'wspolnie-save-refused';

/** What Decap's persistEntry logs as "Uncaught (in promise)" after a refused save: the failure action it rejects with. */
const persistFailure = 'ENTRY_PERSIST_FAILURE';

/** The texts SaveRefused errors gave Decap, to know its failure actions for them (a few per session). */
const refusedTexts = new Set<string>();

/**
 * The error a preSave listener throws to stop a save. Decap shows it as
 * "Nie udało się zapisać pozycji: <error.toString()>" (its `onFailToPersist`
 * string, the error interpolated), so toString is Polish and has no
 * "Error:" prefix: `<summary>: <reason> • <reason>`, e.g. "popraw pola:
 * Tytuł … • Zapisy › …".
 */
export class SaveRefused extends Error {
  readonly summary: string;
  readonly reasons: readonly string[];
  /** `summary`: a lower-case Polish phrase read after "Nie udało się zapisać pozycji: "; `reasons`: Polish sentences. */
  constructor(summary: string, reasons: readonly string[]) {
    super(reasons.join(' • '));
    this.name = 'SaveRefused';
    this.summary = summary;
    this.reasons = reasons;
  }
  override toString(): string {
    const text = `${this.summary}: ${this.message}`;
    refusedTexts.add(text);
    return text;
  }
}

/**
 * True for the rejection Decap leaves unhandled after a refused save
 * (`Promise.reject(dispatch(entryPersistFail(…)))` in its persistEntry,
 * awaited by nobody): a plain action object, logged by the browser as an
 * uncaught "Object". Only failures caused by a SaveRefused are recognised,
 * by the text its toString gave; any other failure is left to surface.
 */
export function isRefusedSaveRejection(reason: unknown): boolean {
  if (typeof reason !== 'object' || reason === null) return false;
  const { type, payload } = reason as { type?: unknown; payload?: { error?: unknown } };
  return type === persistFailure && typeof payload?.error === 'string' && refusedTexts.has(payload.error);
}

/** Keeps the refusal (already shown in the box and Decap's notice, and logged by Decap) from also being reported as uncaught. */
function quietRefusedSaves(target: Pick<Window, 'addEventListener'>): void {
  target.addEventListener('unhandledrejection', (event) => {
    if (isRefusedSaveRejection(event.reason)) event.preventDefault();
  });
}

if (typeof window !== 'undefined') quietRefusedSaves(window);

/** Shows `reasons` (Polish sentences) under `title`, replacing any box shown before. */
export function showRefusal(title: string, reasons: readonly string[]): void {
  hideRefusal();
  const box = document.createElement('div');
  box.id = ALERT_ID;
  box.setAttribute('role', 'alert');
  box.style.cssText = 'position:fixed;z-index:100000;right:16px;bottom:16px;max-width:32rem;background:#fdecea;color:#1a1a1a;border:2px solid #a4161a;border-left-width:8px;border-radius:6px;padding:12px 16px;font:15px/1.5 system-ui,sans-serif;box-shadow:0 4px 16px rgba(0,0,0,.2)';
  const heading = document.createElement('p');
  heading.style.cssText = 'margin:0 0 6px;font-weight:700';
  heading.textContent = title;
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
  close.addEventListener('click', hideRefusal);
  box.append(heading, items, close);
  document.body.append(box);
}

/** Removes the box, if shown. */
export function hideRefusal(): void {
  document.getElementById(ALERT_ID)?.remove();
}
