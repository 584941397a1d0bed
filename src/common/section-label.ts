/** "III-A" and "Section III-A" name the same section: mentions are stored with the "Section" prefix. */
export function sectionLabel(section: string): string {
  const s = section.trim();
  return /^[IVX]+(-[A-G])?$/.test(s) ? `Section ${s}` : s;
}
