/**
 * The box a refused save shows in the CMS, shared by every preSave check
 * (main.ts's schema check, announcement-lock.ts): Decap's own message
 * disappears after 8 seconds, so the reasons stay on screen, announced to
 * screen readers (role="alert"), until the next save or "Zamknij".
 */
const ALERT_ID = 'wspolnie-save-refused';

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
