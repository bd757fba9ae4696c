/** Offers a Blob as a download under `fileName`. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Offers bytes as a download under `fileName`. */
export function downloadBytes(bytes: Uint8Array, fileName: string, mimeType: string): void {
  downloadBlob(new Blob([bytes.slice().buffer], { type: mimeType }), fileName);
}
