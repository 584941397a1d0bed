// Shared by the server (/paper) and the explorer's bundle: no Node.js imports here.

/** The anchor of a source location in /paper: "Section III-A" -> "section-iii-a", "Table I" -> "table-i". */
export function paperAnchor(location: string): string {
  return location
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
