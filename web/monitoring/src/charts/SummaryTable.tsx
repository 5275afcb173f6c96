import { ScrollTable } from '../components/ScrollTable';
import type { Messages } from '../i18n';
import { summarize, type ChartData } from './chartData';

interface SummaryTableProps {
  caption: string;
  data: ChartData;
  formatValue: (value: number) => string;
  t: Messages;
}

/** The text alternative of a chart: latest, least and greatest value of each line. */
export function SummaryTable({ caption, data, formatValue, t }: SummaryTableProps) {
  const show = (value: number | null) => (value === null ? '—' : formatValue(value));
  return (
    <ScrollTable label={caption}>
      <table className="mon-table mon-summary">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.series}</th>
            <th scope="col">{t.latest}</th>
            <th scope="col">{t.min}</th>
            <th scope="col">{t.max}</th>
          </tr>
        </thead>
        <tbody>
          {summarize(data).map((line) => (
            <tr key={line.label}>
              <th scope="row">{line.label}</th>
              <td className="mon-number">{show(line.latest)}</td>
              <td className="mon-number">{show(line.min)}</td>
              <td className="mon-number">{show(line.max)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}
