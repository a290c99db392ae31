// Reading CSV back as a spreadsheet would, for the export tests.

/** An RFC 4180 reader (quote-aware, as spreadsheets read), with any one-character delimiter. */
export function parseCsv(text: string, delimiter = ","): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = "";
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c !== '"') cell += c;
      else if (text[i + 1] === '"') cell += text[++i];
      else quoted = false;
    } else if (c === '"' && cell === "") quoted = true;
    else if (c === delimiter) endCell();
    else if (c === "\n" || (c === "\r" && text[i + 1] === "\n")) {
      if (c === "\r") i++;
      endCell();
      rows.push(row);
      row = [];
    } else cell += c;
  }
  if (cell !== "" || row.length) {
    endCell();
    rows.push(row);
  }
  return rows;
}

/** Would a spreadsheet run this cell as a formula? (Leading spaces and a stray quote do not stop one that trims.) */
export const runsAsFormula = (cell: string) => /^[=+\-@\t\r]/.test(cell.replace(/^[ "]+/, ""));
