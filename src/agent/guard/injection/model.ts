// Placeholder for the optional learned model; replaced if training measurably helps.
export function learnedScore(_text: string): number {
  return 0;
}
