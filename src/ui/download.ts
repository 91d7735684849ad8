/** Hands `text` to the browser as a downloaded file named `name`. */
export function downloadText(text: string, type: string, name: string): void {
  downloadBlob(new Blob([text], { type }), name);
}

/** Hands `blob` to the browser as a downloaded file named `name`. */
export function downloadBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement("a");
  anchor.href = url;
  anchor.download = name;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // Revoking at once can cancel the download in some browsers; a moment later is safe.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** `<name>-<today>.<extension>`, today as YYYY-MM-DD. */
export function datedFileName(name: string, extension: string): string {
  return `${name}-${new Date().toISOString().slice(0, 10)}.${extension}`;
}
