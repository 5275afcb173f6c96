import type { TicketView } from '../api/views';
import { spanOf, type ChartData } from '../charts/chartData';
import type { Messages } from '../i18n';

export interface SalesChartData {
  /** Orders, tickets sold and refunds per interval. */
  bookings: ChartData;
  /** Revenue and refunded amount per interval, in minor units of the currency. */
  money: ChartData;
  /** Whether anything was booked or refunded in the window. */
  anything: boolean;
}

export function salesCharts(view: TicketView, t: Messages): SalesChartData {
  const times = view.points.map((point) => Math.floor(Date.parse(point.at) / 1000));
  const span = spanOf(view.from, view.to);
  return {
    bookings: {
      times,
      span,
      lines: [
        { label: t.orders, values: view.points.map((p) => p.orders) },
        { label: t.ticketsSold, values: view.points.map((p) => p.tickets) },
        { label: t.refunds, values: view.points.map((p) => p.refunds) },
      ],
    },
    money: {
      times,
      span,
      lines: [
        { label: t.revenue, values: view.points.map((p) => p.revenue) },
        { label: t.refundedAmount, values: view.points.map((p) => p.refundedAmount) },
      ],
    },
    anything: view.points.some((p) => p.orders + p.tickets + p.refunds > 0),
  };
}
