/**
 * How a draw works and how to check it, in Polish, for the results page (and
 * the verifier's "how to check it yourself"). Plain text: a page renders
 * each section as a heading and paragraphs. It states the exact rules the
 * code follows (pool.ts, key-string.ts, rfc3797.ts, protocol.ts), so anyone
 * can reimplement them; the tests keep the examples in it true.
 */
import { acceptedNumberForms, ambiguousNumberForms, describeForms, wideSpaceNote } from './typed-numbers.ts';

export interface ExplanationSection {
  heading: string;
  paragraphs: string[];
}

/** How typed values are read: the same lists the panel's hint and the parser (typed-numbers.ts) use. */
const numbersParagraph =
  `Wartości liczbowe wpisujemy tak, jak je opublikowano, w jednej z postaci: ${describeForms(acceptedNumberForms)}. ` +
  `Zapis, który można odczytać na dwa sposoby, odrzucamy i pytamy, o którą liczbę chodzi, bo każde z odczytań daje inny klucz: ${describeForms(ambiguousNumberForms)}, ${wideSpaceNote}.`;

export const drawExplanation: readonly ExplanationSection[] = [
  {
    heading: 'Kiedy jest losowanie',
    paragraphs: [
      'Losowanie odbywa się tylko wtedy, gdy zgłoszenie potwierdzi więcej osób, niż jest miejsc. Jeśli pula nie jest większa niż liczba miejsc, przyjmowani są wszyscy, a protokół zapisuje, że losowania nie było.',
      'Źródła losowości — przyszłe, publiczne wyniki, np. wyniki wskazanego losowania Lotto albo wskazana runda drand — ogłaszamy na stronie programu, zanim zakończą się zapisy. Nikt, także urząd, nie zna ich wartości w chwili zamknięcia puli.',
    ],
  },
  {
    heading: 'Pula i jej skrót',
    paragraphs: [
      'Po zamknięciu zapisów pula zostaje zamrożona i opublikowana: kody potwierdzonych zgłoszeń, bez żadnych danych osobowych. Kody ustawiamy rosnąco, porównując je znak po znaku według kodów Unicode (bez reguł żadnego języka): myślnik, potem cyfry 0–9, potem wielkie litery A–Z. Pozycje w puli numerujemy od 1 w tej kolejności.',
      'Publikujemy też skrót SHA-256 puli. Liczymy go z tekstu, w którym każdy kod stoi w osobnym wierszu, a każdy wiersz — także ostatni — kończy się znakiem nowego wiersza (LF, U+000A); tekst zapisany w UTF-8, bez nagłówka, numerów i znacznika BOM. Ten sam skrót da polecenie sha256sum uruchomione na takim pliku.',
      'W losowaniu z kwotami miejsc (np. dla dzielnic i przedziałów wieku) każdy wiersz to kod, a po nim, po znaku tabulacji (U+0009), jego wartości kategorii kwot w ogłoszonej kolejności, np. „A7K2-9QXM⇥XVIII⇥30-44”. Skrót obejmuje także te wartości, więc żadnej nie da się zmienić po zamrożeniu puli.',
    ],
  },
  {
    heading: 'Klucz losowania',
    paragraphs: [
      'Gdy wartości źródeł są już publiczne, tworzymy z nich klucz dokładnie według rozdziału 4 dokumentu RFC 3797 („Publicly Verifiable Nominations Committee (NomCom) Random Selection”). Każdą liczbę zapisujemy dziesiętnie, bez zer wiodących i bez zer na końcu części ułamkowej; liczbę całkowitą kończy kropka (12 → „12.”), w ułamku kropka oddziela część całkowitą (0.50 → „0.5”).',
      numbersParagraph,
      'Liczby jednego źródła ustawiamy od najmniejszej do największej i łączymy bez odstępów, a na końcu dopisujemy ukośnik „/”. Ze źródła tekstowego zostają tylko litery i cyfry, zamienione na wielkie litery (litery z polskimi znakami tracą znak diakrytyczny, a „ł” zostaje pominięte). Części źródeł łączymy w ogłoszonej kolejności. Przykład z RFC 3797: źródła 9319, {2, 5, 12, 8, 10} i {9, 18, 26, 34, 41, 45} dają klucz „9319./2.5.8.10.12./9.18.26.34.41.45./”.',
    ],
  },
  {
    heading: 'Algorytm',
    paragraphs: [
      'Algorytm porządkuje całą pulę. W kroku j (j = 0, 1, 2, …) liczymy skrót MD5 z ciągu: numer kroku zapisany na dwóch bajtach (najpierw starszy), bajty klucza, i znów ten sam numer na dwóch bajtach. Skrót czytamy jako 128-bitową liczbę bez znaku (najpierw najstarszy bajt) i bierzemy resztę z dzielenia przez liczbę kodów, które jeszcze nie zostały wybrane. Reszta r wskazuje kod na pozycji r + 1 wśród pozostałych kodów, ustawionych w kolejności puli; ten kod zajmuje kolejne miejsce wyniku.',
      'Pierwsze kody wyniku, tyle, ile jest miejsc, dostają miejsca; pozostałe tworzą listę rezerwową w wylosowanej kolejności. W losowaniu z kwotami miejsca przydziela reguła kwot, idąc po tej samej kolejności i pomijając kody, których przyjęcie złamałoby kwoty (jest opisana na stronie losowania). Jedno rozszerzenie wykracza poza RFC 3797, którego licznik ma tylko dwa bajty: od kroku 65 536 numer kroku zapisujemy na czterech bajtach. Dotyczy to wyłącznie pul większych niż 65 536 kodów.',
    ],
  },
  {
    heading: 'Protokół i jak go sprawdzić',
    paragraphs: [
      'Protokół to plik JSON (format „wspolnie-protokol-losowania/1”): program, liczba miejsc, pula (kody, skrót SHA-256, chwila zamrożenia), źródła z opisami i wartościami, klucz, nazwa algorytmu i wersja implementacji, wynik (cała pula w wylosowanej kolejności), liczba przyjętych i chwila losowania. W losowaniu z kwotami format to „wspolnie-protokol-losowania/2”: dochodzą wartości kategorii każdego kodu w puli oraz pole „stratified” — ogłoszone kwoty, ich złagodzenia, kwoty w mocy, przyjęte kody w kolejności przyjmowania i każdy pominięty kod z powodem. Protokół zostaje w publicznym archiwum.',
      'Sprawdzić go może każdy: weryfikator na tej stronie przelicza losowanie w przeglądarce, a w kopii kodu portalu robi to polecenie npm run draw -- verify <plik lub adres protokołu>. Polecenie npm run draw -- order --key "<klucz>" --pool <plik> porządkuje dowolną pulę (jeden kod w wierszu) dowolnym kluczem, a npm run draw -- stratified --key "<klucz>" --pool pula.txt --quotas <plik kwot> przydziela miejsca regułą kwot (plik kwot to pole „stratified.quotas” protokołu zapisane osobno). Sam porównaj jeszcze wartości źródeł z ich oficjalnymi wynikami, a skrót puli — ze skrótem opublikowanym przy zamknięciu zapisów.',
    ],
  },
];
