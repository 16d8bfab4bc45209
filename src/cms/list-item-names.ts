/**
 * What a list's "Dodaj …" button adds, in the accusative ("Dodaj organizatora"),
 * by field name; Decap would otherwise say "Dodaj organizatorzy".
 */
export const listItemNames: Record<string, string> = {
  organisers: 'organizatora',
  partners: 'partnera',
  stages: 'etap',
  tags: 'tag',
  authors: 'autora',
  recommendations: 'rekomendację',
  attachments: 'załącznik',
  declarations: 'oświadczenie',
  drawSources: 'źródło losowości',
  nonCompliant: 'niedostępną treść',
  exempt: 'treść wyłączoną',
  aids: 'ułatwienie',
  quotas: 'kategorię kwot',
  values: 'wartość',
  groups: 'grupę dzielnic',
  districts: 'dzielnicę',
  remarks: 'uwagę',
  actions: 'działanie',
  history: 'krok historii',
  items: 'pozycję planu',
};
