// The names of the BerthApi methods and topics, without their schemas: the preload needs only
// these, and importing contract.ts would bundle zod into it. contract.ts checks at the type
// level that these lists match its declarations exactly.

export const methodNames = [
  'validate',
  'apply',
  'listPods',
  'getPod',
  'deletePod',
  'listEvents',
  'listHookRuns',
  'listContainerStops',
  'podLogs',
  'engineStatus',
  'getKubeObject',
  'listKubeObjects',
] as const;

export const topicNames = ['pods', 'events', 'logs', 'hookRuns', 'containerStops', 'pullProgress', 'kubeWatch'] as const;
