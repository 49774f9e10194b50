// Image pull progress, as the kubelet reports it for one container of a pod.

/** Layer progress of an image pull for one container of a pod. */
export interface PullProgressUpdate {
  podUid: string;
  namespace: string;
  podName: string;
  container: string;
  image: string;
  /** 0–100 once a layer is known. */
  percent: number | null;
  layers: { id: string; status: string; current?: number; total?: number }[];
  /** The pull is over: it succeeded, or failed with `error`. */
  done?: boolean;
  error?: string;
}
