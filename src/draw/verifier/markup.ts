/**
 * The markup of the draw verifier, one source for both places it appears:
 * the Astro component (DrawVerifier.astro) and the live results page the
 * functions render (src/lottery/http/results-page.ts). The script that
 * brings it to life is src/draw/verifier/browser.ts; without JavaScript the
 * controls stay hidden and the text says how to check on one's own computer.
 */
import { html, type SafeHtml } from '../../lib/html.ts';
import { drawExplanation } from '../explanation.ts';
import { numbersHint } from '../typed-numbers.ts';

export interface VerifierProps {
  /** The published protocol (same site, JSON). */
  protocolUrl: string;
  /** The pool hash published when enrolment closed, which the protocol's own must equal. */
  poolSha256?: string | undefined;
}

export function verifierMarkup({ protocolUrl, poolSha256 }: VerifierProps): SafeHtml {
  return html`<section class="draw-verifier" aria-labelledby="draw-verifier-title" data-draw-verifier data-protocol-url="${protocolUrl}"${poolSha256 ? html` data-pool-sha256="${poolSha256}"` : ''}>
<h2 id="draw-verifier-title">Sprawdź losowanie</h2>
<p>Weryfikator przelicza losowanie od nowa z opublikowanych danych — puli, wartości źródeł i klucza — algorytmem RFC 3797 i porównuje wynik z opublikowanym. Wszystko dzieje się w Twojej przeglądarce; nic nie jest wysyłane.</p>
<p><a href="${protocolUrl}" download>Pobierz protokół losowania (JSON)</a></p>
<p class="form-hint" data-draw-verifier-nojs>Do sprawdzenia na tej stronie potrzebny jest JavaScript. Protokół możesz też sprawdzić na swoim komputerze: w kopii kodu portalu uruchom <code>npm run draw -- verify protokol.json</code>.</p>
<div class="draw-verifier-controls" data-draw-verifier-controls hidden>
<div class="form-group">
<label class="form-label" for="draw-verifier-values">Wartości źródeł z ich oficjalnych wyników (nieobowiązkowe)</label>
<p class="form-hint" id="draw-verifier-values-hint">Jedna linia na źródło, w kolejności ogłoszenia; pustą linią pomijasz źródło. Weryfikator porówna je z wartościami w protokole. ${numbersHint}</p>
<textarea class="form-textarea draw-verifier-values" id="draw-verifier-values" rows="3" spellcheck="false" autocomplete="off" aria-describedby="draw-verifier-values-hint"></textarea>
</div>
<button type="button" class="button" data-draw-verifier-published>Sprawdź opublikowany protokół</button>
<div class="form-group" data-draw-verifier-file-group>
<label class="form-label" for="draw-verifier-file">Albo sprawdź plik protokołu z dysku</label>
<p class="form-hint" id="draw-verifier-file-hint">Plik JSON, np. pobrany z tej strony wcześniej albo otrzymany od kogoś innego.</p>
<input class="draw-verifier-file" type="file" id="draw-verifier-file" accept="application/json,.json" aria-describedby="draw-verifier-file-hint">
</div>
<button type="button" class="button" data-draw-verifier-chosen>Sprawdź wybrany plik</button>
</div>
<div class="draw-verifier-result" role="status" aria-live="polite" data-draw-verifier-result></div>
<details class="draw-verifier-rules">
<summary>Jak działa losowanie i jak sprawdzić je samodzielnie</summary>
${drawExplanation.map((section) => html`<h3>${section.heading}</h3>${section.paragraphs.map((p) => html`<p>${p}</p>`)}`)}
</details>
</section>`;
}
