/**
 * The Decap CMS configuration, generated from the content schemas
 * (src/schemas) and the enumerations (src/data). src/integrations/decap.ts
 * writes it to public/admin/config.yml on every `astro dev` and `astro build`,
 * so a schema change reaches the CMS with no second place to edit.
 */
import { z } from 'astro/zod';
import { plainReference, type CollectionName, type ReferenceFactory } from '../schemas/common.ts';
import { collectionFolders, contentSchemas } from '../schemas/index.ts';
import { urls } from '../lib/urls.ts';
import { fieldsOf, ruleNotesOf, type DecapField } from './fields.ts';

/** Where the OAuth function answers (functions/cms-auth.ts); Decap opens it in a pop-up. */
export const cmsAuthEndpoint = '/api/cms-auth';
/** decap-server's address for local editing (scripts/dev.ts starts it there). */
export const defaultLocalBackendUrl = 'http://127.0.0.1:8081/api/v1';
/** Uploaded files: in the repository and on the site. */
const mediaFolder = 'public/pliki';
const publicFolder = '/pliki';

/**
 * References carry their target collection as metadata, so the CMS can offer
 * the entries of that collection; they validate exactly like `plainReference`.
 */
export const cmsReference: ReferenceFactory = (collection) => plainReference(collection).meta({ reference: collection });

interface CollectionTexts {
  label: string;
  label_singular: string;
  description: string;
  /** Public address of an entry, from src/lib/urls.ts. */
  url?: (id: string) => string;
  extra?: Record<string, unknown>;
}

const texts: Record<CollectionName, CollectionTexts> = {
  programmes: {
    label: 'Programy',
    label_singular: 'Program',
    description: 'Programy partycypacyjne: opis, etapy, organizatorzy, zapisy.',
    url: urls.programme,
    extra: { sortable_fields: [{ field: 'year', default_sort: 'desc' }, 'title'] },
  },
  events: {
    label: 'Wydarzenia',
    label_singular: 'Wydarzenie',
    description: 'Warsztaty, dyżury, spotkania. Aby odwołać wydarzenie, otwórz je i zmień status na „Odwołane”, podając powód i datę decyzji.',
    url: urls.event,
    extra: {
      summary: "{{start | date('YYYY-MM-DD HH:mm')}} — {{title}}",
      sortable_fields: [{ field: 'start', default_sort: 'desc' }, 'title'],
      view_filters: [
        { label: 'Zaplanowane', field: 'status', pattern: 'planned' },
        { label: 'Odwołane', field: 'status', pattern: 'cancelled' },
      ],
    },
  },
  news: {
    label: 'Aktualności',
    label_singular: 'Aktualność',
    description: 'Komunikaty, nabory, zaproszenia, odwołania.',
    url: urls.newsItem,
    extra: { sortable_fields: [{ field: 'date', default_sort: 'desc' }, 'title'] },
  },
  reports: {
    label: 'Archiwum dokumentów',
    label_singular: 'Dokument',
    description: 'Raporty, ekspertyzy, rekomendacje i inne dokumenty z plikami do pobrania.',
    url: urls.report,
    extra: { sortable_fields: [{ field: 'date', default_sort: 'desc' }, 'title'] },
  },
  consultations: {
    label: 'Konsultacje',
    label_singular: 'Konsultacje',
    description: 'Rejestr konsultacji społecznych.',
    url: urls.consultation,
    extra: { sortable_fields: ['title'] },
  },
  pages: {
    label: 'Strony stałe',
    label_singular: 'Strona',
    description: 'O portalu, deklaracja dostępności, informacja o danych osobowych. Każda ma stały adres, więc nie można ich dodawać ani usuwać.',
    // Each kind has a fixed page that reads it: a new page would appear nowhere, a deleted one would break the build.
    extra: { create: false, delete: false },
  },
  requests: {
    label: 'Wnioski o konsultacje',
    label_singular: 'Wniosek o konsultacje',
    description: 'Rejestr wniosków o przeprowadzenie konsultacji: status, historia, poparcia, odpowiedź miasta. Progi i terminy wynikają z zasad obowiązujących w dniu złożenia wniosku.',
    url: urls.request,
    extra: { sortable_fields: [{ field: 'filedOn', default_sort: 'desc' }, 'title'] },
  },
  plans: {
    label: 'Plany konsultacji',
    label_singular: 'Roczny plan konsultacji',
    description: 'Roczny plan konsultacji: jeden wpis na rok, z planowanymi tematami, jednostkami, kwartałami i formami.',
    url: (id) => urls.plan(id),
    extra: { identifier_field: 'year', summary: 'Plan konsultacji na {{fields.year}} r.', sortable_fields: [{ field: 'year', default_sort: 'desc' }] },
  },
};

const bodyField: DecapField = {
  name: 'body',
  label: 'Treść',
  widget: 'markdown',
  required: false,
  hint: 'Tekst pod nagłówkiem strony. Śródtytuły zaczynaj od poziomu 2 (## Śródtytuł): poziom 1 to tytuł wpisu.',
  modes: ['rich_text', 'raw'],
  editor_components: ['image'],
};

/** The fields of one collection, front matter and body. */
export function collectionFields(collection: CollectionName): DecapField[] {
  const schema = contentSchemas(cmsReference)[collection];
  const shape = (schema as unknown as { _zod: { def: { shape: Record<string, z.ZodType> } } })._zod.def.shape;
  return [...fieldsOf(shape, { present: true, path: '', notes: ruleNotesOf(schema) }), bodyField];
}

export interface CmsConfigOptions {
  /** The public address of the site, e.g. https://wspolnie.krakow.pl */
  site: string;
  /** GitHub repository the production CMS commits to, "owner/name". */
  githubRepo?: string | undefined;
  /** Origin of the OAuth function; the site itself by default. */
  oauthBaseUrl?: string | undefined;
  localBackendUrl?: string | undefined;
}

/** Netlify's hosted OAuth provider, for cities that use it instead of our function. */
const netlifyOAuthOrigin = 'https://api.netlify.com';

export function decapConfig(options: CmsConfigOptions) {
  const site = options.site.replace(/\/$/, '');
  const oauthOrigin = new URL(options.oauthBaseUrl ?? site).origin;
  return {
    locale: 'pl',
    site_url: site,
    display_url: site,
    show_preview_links: true,
    backend: {
      name: 'github',
      repo: options.githubRepo ?? '',
      branch: 'main',
      base_url: oauthOrigin,
      // Netlify's provider answers at its own path ("auth", Decap's default); ours at /api/cms-auth.
      auth_endpoint: oauthOrigin === netlifyOAuthOrigin ? 'auth' : cmsAuthEndpoint,
    },
    // Changes wait as drafts for review on GitHub; decap-server (local editing) supports only
    // simple publishing and Decap switches to it by itself when it finds the local server.
    publish_mode: 'editorial_workflow',
    local_backend: { url: options.localBackendUrl ?? defaultLocalBackendUrl },
    media_folder: mediaFolder,
    public_folder: publicFolder,
    // File names become the addresses: no Polish letters ("łąka" → "laka"), no spaces.
    slug: { encoding: 'ascii', clean_accents: true, sanitize_replacement: '-' },
    collections: (Object.keys(collectionFolders) as CollectionName[]).map((name) => {
      const t = texts[name];
      return {
        name,
        label: t.label,
        label_singular: t.label_singular,
        description: t.description,
        folder: `src/content/${collectionFolders[name]}`,
        extension: 'md',
        format: 'yaml-frontmatter',
        create: true,
        slug: '{{slug}}',
        identifier_field: 'title',
        ...(t.url ? { preview_path: t.url('{{slug}}').replace(/^\//, '') } : {}),
        ...t.extra,
        fields: collectionFields(name),
      };
    }),
  };
}

export type DecapConfig = ReturnType<typeof decapConfig>;
