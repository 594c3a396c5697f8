// Payloads the browser tests upload, written for them in the shapes the tools send.

// One webhook notification as Alertmanager posts it: one alert still firing, one resolved.
export const kAlertmanagerNotification = {
  receiver: "debrief", status: "firing", version: "4", groupKey: "{}:{alertname=\"PoolExhausted\"}", truncatedAlerts: 0,
  externalURL: "http://alertmanager.example:9093",
  groupLabels: { alertname: "PoolExhausted" },
  commonLabels: { alertname: "PoolExhausted", service: "checkout", severity: "page" },
  commonAnnotations: { summary: "Connection pool exhausted on checkout" },
  alerts: [
    {
      status: "firing",
      labels: { alertname: "PoolExhausted", instance: "checkout-1:8080", service: "checkout", severity: "page" },
      annotations: { summary: "Connection pool exhausted on checkout", runbook_url: "https://runbooks.example/pool" },
      startsAt: "2026-03-14T10:02:00Z", endsAt: "0001-01-01T00:00:00Z",
      generatorURL: "http://prometheus.example/graph?g0.expr=pool_wait", fingerprint: "a1b2c3d4e5f60718",
    },
    {
      status: "resolved",
      labels: { alertname: "PoolExhausted", instance: "checkout-2:8080", service: "checkout", severity: "page" },
      annotations: { summary: "Connection pool exhausted on checkout" },
      startsAt: "2026-03-14T10:03:00Z", endsAt: "2026-03-14T10:20:00Z",
      generatorURL: "", fingerprint: "0f1e2d3c4b5a6978",
    },
  ],
};
