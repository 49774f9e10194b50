// A one-line progress bar for image pulls on a terminal: `image [#####-----]  45%  3 layers`.
import type { PullProgressUpdate } from '../../model';

export function progressBar(percent: number | null, width = 24): string {
  if (percent === null) return `[${'?'.repeat(width)}]`;
  const filled = Math.round((Math.max(0, Math.min(100, percent)) / 100) * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
}

export function pullProgressLine(update: PullProgressUpdate): string {
  const percent = update.percent === null ? '  ?%' : `${Math.round(update.percent).toString().padStart(3)}%`;
  const layers = `${update.layers.length} layer${update.layers.length === 1 ? '' : 's'}`;
  return `pod/${update.podName} ${update.container}: pulling ${update.image} ${progressBar(update.percent)} ${percent}  ${layers}`;
}
