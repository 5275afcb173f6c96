import type { Messages } from '../i18n';
import { TIME_RANGES, type RangeId, type TimeRange } from './timeRanges';

interface RangeControlsProps {
  range: TimeRange;
  onRange: (range: TimeRange) => void;
  autoRefresh: boolean;
  onAutoRefresh: (on: boolean) => void;
  onRefresh: () => void;
  refreshing: boolean;
  t: Messages;
}

/** The time range of the charts, auto refresh, and a refresh at once. */
export function RangeControls({ range, onRange, autoRefresh, onAutoRefresh, onRefresh, refreshing, t }: RangeControlsProps) {
  const choose = (id: RangeId) => {
    const next = TIME_RANGES.find((candidate) => candidate.id === id);
    if (next) onRange(next);
  };
  return (
    <div className="mon-controls">
      <fieldset className="mon-segmented">
        <legend>{t.timeRange}</legend>
        {TIME_RANGES.map((candidate) => (
          <label key={candidate.id}>
            <input type="radio" name="mon-range" value={candidate.id} checked={candidate.id === range.id} onChange={() => choose(candidate.id)} />
            <span>{t.rangeLabel[candidate.id]}</span>
          </label>
        ))}
      </fieldset>
      <div className="mon-actions">
        <label className="mon-check">
          <input type="checkbox" checked={autoRefresh} onChange={(event) => onAutoRefresh(event.target.checked)} />
          {t.autoRefresh(range.refreshMs / 1000)}
        </label>
        <button type="button" className="mon-button" onClick={onRefresh} disabled={refreshing}>
          {refreshing ? t.refreshing : t.refresh}
        </button>
      </div>
    </div>
  );
}
