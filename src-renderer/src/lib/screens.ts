/** The app's top-level screens, in sidebar order. */
export const screens = [
  { id: 'pods', label: 'Pods' },
  { id: 'events', label: 'Events' },
  { id: 'import', label: 'Import' },
  { id: 'engine', label: 'Engine' },
] as const;

export type ScreenId = (typeof screens)[number]['id'];

/** A pod as the UI addresses it (the API's podRef). */
export interface PodRef {
  namespace: string;
  name: string;
}
