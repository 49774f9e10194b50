// The YAML being imported outlives the Import screen, so switching screens loses nothing.
import { importFileProblem } from './import-file';

export const draft = $state({
  text: '',
  fileName: 'pasted.yaml',
  /** Why the last opened or dropped file was refused, until the next one. */
  fileError: null as string | null,
  /** Counts loaded files, so the screen can drop the outcome of an earlier apply. */
  loads: 0,
});

/** Loads a file into the draft, as "Open file…" and drag and drop do. False if refused. */
export async function loadDraftFile(file: File, { checkType = true } = {}): Promise<boolean> {
  const problem = importFileProblem(file, checkType);
  if (problem) {
    draft.fileError = problem;
    return false;
  }
  let text: string;
  try {
    text = await file.text();
  } catch {
    draft.fileError = `${file.name} could not be read.`;
    return false;
  }
  draft.fileError = null;
  draft.fileName = file.name;
  draft.text = text;
  draft.loads++;
  return true;
}
