import { enumeration } from './enumeration.ts';

/** Kraków's eighteen districts (dzielnice), numbered as in the city statute. */
export const districts = enumeration([
  { value: 'I', label: 'Dzielnica I Stare Miasto' },
  { value: 'II', label: 'Dzielnica II Grzegórzki' },
  { value: 'III', label: 'Dzielnica III Prądnik Czerwony' },
  { value: 'IV', label: 'Dzielnica IV Prądnik Biały' },
  { value: 'V', label: 'Dzielnica V Krowodrza' },
  { value: 'VI', label: 'Dzielnica VI Bronowice' },
  { value: 'VII', label: 'Dzielnica VII Zwierzyniec' },
  { value: 'VIII', label: 'Dzielnica VIII Dębniki' },
  { value: 'IX', label: 'Dzielnica IX Łagiewniki-Borek Fałęcki' },
  { value: 'X', label: 'Dzielnica X Swoszowice' },
  { value: 'XI', label: 'Dzielnica XI Podgórze Duchackie' },
  { value: 'XII', label: 'Dzielnica XII Bieżanów-Prokocim' },
  { value: 'XIII', label: 'Dzielnica XIII Podgórze' },
  { value: 'XIV', label: 'Dzielnica XIV Czyżyny' },
  { value: 'XV', label: 'Dzielnica XV Mistrzejowice' },
  { value: 'XVI', label: 'Dzielnica XVI Bieńczyce' },
  { value: 'XVII', label: 'Dzielnica XVII Wzgórza Krzesławickie' },
  { value: 'XVIII', label: 'Dzielnica XVIII Nowa Huta' },
]);
export type District = (typeof districts.values)[number];
