/** "Bilaga2-SB-2022-1281-R1.pdf": the printed form's file name, wherever it is saved from. */
export function bilaga2FileName(reference: string): string {
  return `Bilaga2-${reference}.pdf`;
}
