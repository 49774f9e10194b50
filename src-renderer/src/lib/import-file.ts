// Which files the Import screen takes, whether opened or dropped.

/** Reading a bigger file into a textarea would freeze the window; the importer's own limit is lower. */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;
export const IMPORT_EXTENSIONS = ['.yaml', '.yml', '.json'] as const;

/** Why a file cannot be imported, or null if it can. `checkType` is off for "Open file…". */
export function importFileProblem(file: { name: string; size: number }, checkType = true): string | null {
  const lower = file.name.toLowerCase();
  if (checkType && !IMPORT_EXTENSIONS.some((ext) => lower.endsWith(ext))) {
    return `${file.name} is not a YAML or JSON file: drop a .yaml, .yml or .json file.`;
  }
  if (file.size > MAX_FILE_BYTES) return `${file.name} is larger than 8 MiB.`;
  return null;
}

/** Whether a drag carries files (and not, say, text dragged within the editor). */
export function carriesFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer?.types ?? []).includes('Files');
}
