/**
 * The little of Decap CMS's browser globals this project uses. decap-cms.js
 * sets window.CMS, window.h (React.createElement) and window.createClass, so
 * the admin's own script needs no React of its own.
 */

/** An Immutable.js Map or List as Decap hands it over; only the methods used here. */
export interface ImmutableValue {
  get(key: string | number): unknown;
  getIn(path: (string | number)[]): unknown;
  deleteIn(path: (string | number)[]): ImmutableValue;
  toJS(): unknown;
}

export interface PreviewProps {
  entry: ImmutableValue;
  widgetFor(name: string): unknown;
  fieldsMetaData?: ImmutableValue;
  /** Decap's AssetProxy: `fileObj` is the File of an upload not yet saved. */
  getAsset?(path: string): { toString(): string; path?: string; fileObj?: unknown } | undefined;
}

export type Element = unknown;
type CreateElement = (type: string, props?: Record<string, unknown> | null, ...children: unknown[]) => Element;

interface DecapCms {
  registerEventListener(listener: { name: 'preSave' | 'postSave'; handler: (event: { entry: ImmutableValue }) => unknown }): void;
  registerPreviewStyle(url: string): void;
  registerPreviewTemplate(collection: string, component: unknown): void;
}

declare global {
  interface Window {
    CMS: DecapCms;
    h: CreateElement;
    /** create-react-class: a component from its methods (render, and any of React's lifecycle methods and its own). */
    createClass(spec: { render(this: { props: PreviewProps }): Element } | ({ render(this: never): Element } & Record<string, unknown>)): unknown;
  }
}
