/**
 * Words that say nothing about which need an idea names, in folded lower
 * case (`searchKey` of src/lib/fold.ts). Two lists: Polish function words
 * (pronouns, prepositions, conjunctions, particles, forms of "być" — the
 * common core of published Polish stop-word lists such as stopwords-iso's
 * "pl"), and the words residents use to frame any wish ("brakuje",
 * "potrzebne", "prosimy", "więcej"), which would otherwise pull unrelated
 * ideas together.
 */

const functionWords = `a aby ach acz aczkolwiek albo ale ani az bardziej bardzo bez beda bedzie bo bowiem by byc byl byla byli bylo byly
bym bys ci cie ciebie co cos czy czyli dla do dlaczego dlatego gdy gdyz gdzie gdzies go i ich ile im inna inne inny innych
ja jak jaka jakie jakis jakby jako jednak jej jego jemu jest jestem jesli jezeli juz ja je ze ku lub ma mam mi mial mnie moga
moj moze mozna my na nad nam nas nasz nasza nasze naszym naszej naszych nawet nie niech nic nim niz no o od oraz on ona one
oni ono po pod poniewaz przed przez przy sa sie sobie sa ta tak taka takie takze tam te tego tej ten teraz tez to tobie toz
tu tutaj twoj ty tylko tym u w we wiec wszystko wszystkie wszystkich z za zas ze zeby ktora ktore ktory ktorych ktorej
ktorzy juz jeszcze czyli the lub badz np itp itd sam sama samo tych tymi ten ta tu`;

const framingWords = `brak brakuje brakowac potrzeba potrzebne potrzebny potrzebna potrzebujemy prosimy prosze prosba chcemy chcialbym
chcialabym chcielibysmy warto nalezy trzeba powinno powinien powinna powinny wiecej duzo malo nowe nowy nowa nowych nowej
zrobic zrobienie postulat pomysl propozycja proponuje proponujemy wniosek zeby aby dobrze fajnie super mile prosic kolejne
kolejny dodatkowe dodatkowy dodatkowych mieszkancy mieszkancow mieszkancom miasto miasta miescie krakow krakowa krakowie`;

/** Every stop word, folded and lower-case, for `normaliseIdea`. */
export const stopWords: ReadonlySet<string> = new Set(`${functionWords} ${framingWords}`.split(/\s+/).filter(Boolean));
