/** A small SVG bar chart of p50 and p99 latency per system, on a log scale so 1 ms and 500 ms both show. */
export function latencyChart(rows: Array<{ label: string; p50: number; p99: number }>): string {
  const width = 760
  const rowHeight = 46
  const left = 220
  const height = rows.length * rowHeight + 50
  const max = Math.max(...rows.map((row) => row.p99), 1)
  const scale = (value: number): number =>
    ((Math.log10(Math.max(value, 0.01)) + 2) / (Math.log10(max) + 2)) * (width - left - 70)
  const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;')
  const bars = rows
    .map((row, i) => {
      const y = 30 + i * rowHeight
      return [
        `<text x="${left - 10}" y="${y + 17}" text-anchor="end">${escape(row.label)}</text>`,
        `<rect x="${left}" y="${y}" width="${scale(row.p50).toFixed(1)}" height="14" fill="#3b6cf6"/>`,
        `<rect x="${left}" y="${y + 16}" width="${scale(row.p99).toFixed(1)}" height="14" fill="#f59e0b"/>`,
        `<text x="${left + scale(row.p50) + 6}" y="${y + 12}">${row.p50.toFixed(2)} ms</text>`,
        `<text x="${left + scale(row.p99) + 6}" y="${y + 28}">${row.p99.toFixed(2)} ms</text>`,
      ].join('')
    })
    .join('\n')
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">
<text x="10" y="18" font-weight="bold">Delivery latency (log scale): p50 blue, p99 amber</text>
${bars}
</svg>
`
}
