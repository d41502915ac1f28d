/**
 * Writes a small, valid PDF for the converter tests: one page per entry of `pages`, each line of text drawn with the
 * standard Helvetica font (no embedded fonts), WinAnsi-encoded, with a correct cross-reference table.
 */
export function writePdf(pages: string[][], options: { title?: string } = {}): Uint8Array {
  const objects: string[] = [];
  const add = (body: string) => {
    objects.push(body);
    return objects.length;
  };
  const catalog = add("");
  const pagesNode = add("");
  const font = add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
  const info = options.title ? add(`<< /Title (${escapePdfText(options.title)}) >>`) : undefined;
  const pageIds: number[] = [];
  for (const lines of pages) {
    const operations = lines.map(
      (line, index) => `BT /F1 12 Tf 72 ${720 - index * 16} Td (${escapePdfText(line)}) Tj ET`,
    );
    const stream = operations.join("\n");
    const content = add(`<< /Length ${latin1Length(stream)} >>\nstream\n${stream}\nendstream`);
    pageIds.push(
      add(
        `<< /Type /Page /Parent ${pagesNode} 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${content} 0 R >>`,
      ),
    );
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesNode} 0 R >>`;
  objects[pagesNode - 1] =
    `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(" ")}] /Count ${pageIds.length} >>`;

  let text = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(latin1Length(text));
    text += `${index + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = latin1Length(text);
  text += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) text += `${String(offset).padStart(10, "0")} 00000 n \n`;
  text += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R${info ? ` /Info ${info} 0 R` : ""} >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(text, "latin1"));
}

function escapePdfText(text: string): string {
  return text.replace(/[\\()]/g, (char) => `\\${char}`);
}

function latin1Length(text: string): number {
  return Buffer.byteLength(text, "latin1");
}
