/** The browser's ordinary download of bytes made in the page (a workbook, a Word document). */

/** Saves bytes as `name` through a temporary link; `type` is the file's media type (.xlsx unless given). */
export function downloadBytes(
  bytes: ArrayBuffer | Uint8Array,
  name: string,
  type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
): void {
  const blob = new Blob([bytes as BlobPart], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.style.display = "none";
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
