// The YAML being imported outlives the Import screen, so switching screens loses nothing.
export const draft = $state({ text: '', fileName: 'pasted.yaml' });
