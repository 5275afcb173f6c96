import type { Report } from './report.build.js';

const pad = (value: unknown, width: number) => String(value).padStart(width);

function stepTable(report: Report): string[] {
  const header = `  ${'step'.padEnd(8)}${pad('count', 8)}${pad('p50', 9)}${pad('p95', 9)}${pad('p99', 9)}${pad('max', 9)}  statuses`;
  return [
    header,
    ...report.steps.map((s) => {
      const statuses = Object.entries(s.byStatus).map(([status, n]) => `${status === '0' ? 'no answer' : status}×${n}`).join(' ');
      const unexpected = s.unexpected ? `  (${s.unexpected} unexpected)` : '';
      const l = s.latencyMs;
      return `  ${s.step.padEnd(8)}${pad(s.count, 8)}${pad(l.p50, 9)}${pad(l.p95, 9)}${pad(l.p99, 9)}${pad(l.max, 9)}  ${statuses}${unexpected}`;
    }),
  ];
}

function invariantLines(report: Report): string[] {
  return report.invariants.flatMap((c) => [
    `  ${c.passed ? 'PASS' : 'FAIL'}  [${c.group}] ${c.name}${c.detail ? ` — ${c.detail}` : ''}${c.passed ? '' : ` (${c.violations} violations)`}`,
    ...c.samples.map((s) => `          ${s}`),
  ]);
}

/** The report as people read it at the end of a run. */
export function renderReport(report: Report): string {
  const m = report.machine;
  const o = report.options;
  const t = report.throughput;
  const outcomes = Object.entries(report.outcomes).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n}`).join(', ');
  const anomalies = Object.entries(report.anomalies).map(([k, a]) => `  ${k}: ${a.count}${a.samples.length ? ` e.g. ${a.samples[0]}` : ''}`);
  return [
    '',
    `Buyer bots — ${report.performance.slug} (${report.performance.totalSeats} seats), ${report.startedAt}`,
    `  machine     ${m.cores} ${m.cores === 1 ? 'core' : 'cores'}, ${m.cpuModel}, ${m.memoryGiB} GiB, Node ${m.node}, ${m.os}`,
    `  options     ${o.buyers} buyers, concurrency ${o.concurrency}, seats 1..${o.seatsMax}, hot ${o.hotShare}, decline ${o.declineShare}, ` +
      `abandon ${o.abandonShare}, refund ${o.refundShare}, replay ${o.replayShare}, tokens ${o.mintTokensFrom ? 'minted before the run' : 'sign-up'}, seed ${o.seed}`,
    `  target      ${o.target}`,
    `  duration    ${report.durationSeconds} s for ${report.buyers.started} buyers${report.buyers.stoppedByDurationLimit ? ' (duration limit reached)' : ''}; checks ${report.checkSeconds} s`,
    `  throughput  ${t.purchasesPerSecond} purchases/s, ${t.holdsPerSecond} holds/s (${t.holdAttemptsPerSecond} attempts/s), ${t.requestsPerSecond} requests/s`,
    `  totals      ${report.totals.purchases} purchases, ${report.totals.holds} holds, ${report.totals.collisions} collisions (409), ` +
      `${report.totals.declines} declines, ${report.totals.refunds} refunds, ${report.totals.releases} releases, ${report.totals.replays} replays`,
    `  outcomes    ${outcomes}`,
    '',
    'Latency (ms) per step',
    ...stepTable(report),
    ...(anomalies.length ? ['', 'Anomalies', ...anomalies] : []),
    ...(report.errorSamples.length ? ['', 'Errors (first few)', ...report.errorSamples.map((e) => `  ${e}`)] : []),
    '',
    'Invariants',
    ...invariantLines(report),
    '',
    report.passed ? 'All invariants hold.' : 'INVARIANTS FAILED.',
  ].join('\n');
}
