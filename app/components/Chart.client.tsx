/** chart.js, only ever loaded in the browser (see LazyChart); animations off so screenshots are stable. */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart as ChartJS,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { Chart } from 'react-chartjs-2';
import type { ChartSpec } from './LazyChart';

ChartJS.register(
  BarController,
  BarElement,
  CategoryScale,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
);

const PALETTE = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#ca8a04', '#db2777'];

export default function ChartView({ spec }: { spec: ChartSpec }) {
  return (
    <Chart
      type={spec.type}
      aria-label={spec.label}
      role="img"
      data={{
        labels: spec.labels,
        datasets: spec.datasets.map((dataset, index) => ({
          label: dataset.label,
          data: dataset.data,
          borderColor: PALETTE[index % PALETTE.length],
          backgroundColor: PALETTE[index % PALETTE.length],
          borderDash: dataset.dashed ? [6, 4] : undefined,
          pointRadius: 2,
          spanGaps: false,
        })),
      }}
      options={{
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        plugins: { legend: { display: spec.datasets.length > 1 } },
        scales: { y: { beginAtZero: true, title: { display: Boolean(spec.yTitle), text: spec.yTitle } } },
      }}
    />
  );
}
