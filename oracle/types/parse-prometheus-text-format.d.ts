declare module 'parse-prometheus-text-format' {
  export type PrometheusMetricFamily = {
    name: string;
    help: string;
    type: string;
    metrics: Array<{ value?: string; labels?: Record<string, string>; buckets?: unknown; quantiles?: unknown }>;
  };
  export default function parsePrometheusTextFormat(text: string): PrometheusMetricFamily[];
}
