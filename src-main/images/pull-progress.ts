// Layer progress of a pull, folded from the engine's stream messages (Docker's JSON progress;
// Podman's compat API sends the same shape with fewer steps). Pure.
import type { PullProgressEvent } from '../engine/engine';

export interface LayerProgress {
  id: string;
  /** The engine's words: `Pulling fs layer`, `Downloading`, `Extracting`, `Pull complete`, `Already exists`… */
  status: string;
  /** Bytes so far of the current step, when the engine says. */
  current?: number;
  total?: number;
}

export interface PullProgress {
  /** The image as written in the pod spec. */
  image: string;
  layers: LayerProgress[];
  /**
   * 0–100 once a layer is known: the mean of the layers' progress, download counting for 80 %
   * and extraction for 20 % (Docker reports both; Podman reports only when a blob is done).
   */
  percent: number | undefined;
}

const DOWNLOAD_SHARE = 0.8;

export class PullProgressTracker {
  private readonly layers = new Map<string, LayerProgress & { fraction: number }>();

  constructor(private readonly image: string) {}

  /** Folds one stream message in; returns the new progress, or undefined when it changed nothing. */
  update(event: PullProgressEvent): PullProgress | undefined {
    const { id, status } = event;
    if (!id || !status || status.startsWith('Pulling from')) return undefined; // `id` is the tag there
    const previous = this.layers.get(id);
    const current = event.progressDetail?.current;
    const total = event.progressDetail?.total;
    const fraction = layerFraction(status, current, total, previous?.fraction ?? 0);
    this.layers.set(id, {
      id,
      status,
      ...(current !== undefined ? { current } : {}),
      ...(total !== undefined ? { total } : {}),
      fraction,
    });
    return this.snapshot();
  }

  /** The pull finished: every layer counts as done. */
  complete(): PullProgress {
    return { ...this.snapshot(), percent: 100 };
  }

  snapshot(): PullProgress {
    const layers = [...this.layers.values()];
    const percent =
      layers.length === 0 ? undefined : Math.round((layers.reduce((sum, l) => sum + l.fraction, 0) / layers.length) * 100);
    return {
      image: this.image,
      layers: layers.map(({ fraction: _fraction, ...layer }) => layer),
      percent,
    };
  }
}

function layerFraction(status: string, current: number | undefined, total: number | undefined, previous: number): number {
  const ratio = current !== undefined && total !== undefined && total > 0 ? Math.min(1, current / total) : undefined;
  switch (status) {
    case 'Pulling fs layer':
    case 'Waiting':
      return 0;
    case 'Downloading':
      return ratio === undefined ? previous : DOWNLOAD_SHARE * ratio;
    case 'Verifying Checksum':
    case 'Download complete':
      return Math.max(previous, DOWNLOAD_SHARE);
    case 'Extracting':
      return ratio === undefined ? Math.max(previous, DOWNLOAD_SHARE) : DOWNLOAD_SHARE + (1 - DOWNLOAD_SHARE) * ratio;
    case 'Pull complete':
    case 'Already exists':
      return 1;
    default:
      return previous;
  }
}
