/** Hostile .xlsx-shaped zips for the reader tests; the writer is test/fixtures/zip.ts. */
import { makeZip } from "../fixtures/zip";

export { makeZip };

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`;
const WORKBOOK = `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>`;

/** An .xlsx-shaped zip whose one worksheet part inflates to `size` bytes of spaces. */
export function bombXlsx(size: number, declaredSize?: number): Buffer {
  return makeZip([
    { name: "[Content_Types].xml", data: Buffer.from(CONTENT_TYPES) },
    { name: "xl/workbook.xml", data: Buffer.from(WORKBOOK) },
    { name: "xl/worksheets/sheet1.xml", data: Buffer.alloc(size, 0x20), declaredSize },
  ]);
}
