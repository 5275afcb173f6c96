// Fills that tell grades apart in the preview; each keeps 3:1 against white (WCAG 1.4.11).
const PALETTE = ['#7a2e8e', '#1b6e3a', '#0b57d0', '#9a4a00', '#b3261e', '#00677f', '#5f4b8b', '#6b5900'];

export function gradeColor(index: number): string {
  return PALETTE[index % PALETTE.length] ?? '#55525f';
}
