// ObjectMeta: what Berth reads, and what exported manifests carry that only a cluster sets.
import type { ObjectMeta } from '../../model';
import { ignore, obj, str, stringMap } from './dsl';

/** What `kubectl get -o yaml` adds: set by a cluster, meaningless on import. */
const SERVER_SET = [
  'uid',
  'resourceVersion',
  'creationTimestamp',
  'generation',
  'selfLink',
  'managedFields',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
];

export const metadataSpec = obj<ObjectMeta>(
  {
    name: str,
    namespace: str,
    uid: str, // listed for the type; on import it is a server-set field (see below)
    labels: stringMap,
    annotations: stringMap,
  },
  {
    ignored: {
      ...ignore('ownerReferences', 'finalizers'),
      generateName: { note: 'set metadata.name' },
    },
    serverSet: SERVER_SET,
  },
);
