/** Line colours with at least 4.5:1 contrast on white, told apart by hue and by dash. */
export const LINE_STYLES: ReadonlyArray<{ stroke: string; dash?: number[] }> = [
  { stroke: '#7a2e8e' },
  { stroke: '#0b57d0', dash: [8, 4] },
  { stroke: '#1b6e3a', dash: [2, 3] },
  { stroke: '#b3261e', dash: [10, 3, 2, 3] },
  { stroke: '#8a5300' },
  { stroke: '#00696b', dash: [8, 4] },
  { stroke: '#4a4a9c', dash: [2, 3] },
  { stroke: '#55525f', dash: [10, 3, 2, 3] },
];

export const AXIS_INK = '#55525f';
export const GRID_LINE = '#e4e1ea';
