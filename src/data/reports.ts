import { enumeration } from './enumeration.ts';

/** What kind of document an archive entry is. */
export const reportTypes = enumeration([
  { value: 'expert-opinion', label: 'Ekspertyza' },
  { value: 'summary', label: 'Podsumowanie' },
  { value: 'recommendations', label: 'Rekomendacje' },
  { value: 'consultation-report', label: 'Raport z konsultacji' },
  { value: 'presentation', label: 'Prezentacja' },
  { value: 'evaluation', label: 'Badanie ewaluacyjne' },
  { value: 'other', label: 'Inny dokument' },
]);
export type ReportType = (typeof reportTypes.values)[number];

/** File formats an attachment may have. */
export const attachmentFormats = enumeration([
  { value: 'pdf', label: 'PDF' },
  { value: 'docx', label: 'DOCX (Word)' },
  { value: 'odt', label: 'ODT' },
  { value: 'xlsx', label: 'XLSX (Excel)' },
  { value: 'ods', label: 'ODS' },
  { value: 'pptx', label: 'PPTX (PowerPoint)' },
  { value: 'csv', label: 'CSV' },
  { value: 'html', label: 'Strona internetowa' },
]);
export type AttachmentFormat = (typeof attachmentFormats.values)[number];
