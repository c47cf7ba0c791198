/**
 * A chart that renders only after hydration: chart.js needs a canvas, and loading it lazily keeps it out of the
 * first-load JavaScript. Before it loads, the figure shows its caption and a table-free placeholder of fixed height.
 */
import { lazy, Suspense, useEffect, useState } from 'react';

export type ChartSpec = {
  type: 'line' | 'bar';
  label: string;
  labels: string[];
  datasets: { label: string; data: (number | null)[]; dashed?: boolean }[];
  yTitle?: string;
};

const ChartView = lazy(() => import('./Chart.client'));

export function LazyChart({ spec, testId, csvHref }: { spec: ChartSpec; testId: string; csvHref?: string }) {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return (
    <figure className="chart" data-testid={testId} data-points={spec.labels.length}>
      <figcaption>
        {spec.label}
        {csvHref && (
          <>
            {' · '}
            <a href={csvHref} download data-testid={`${testId}-csv`}>
              CSV
            </a>
          </>
        )}
      </figcaption>
      <div className="chart-canvas">
        {hydrated && spec.labels.length > 0 && (
          <Suspense fallback={null}>
            <ChartView spec={spec} />
          </Suspense>
        )}
      </div>
    </figure>
  );
}
