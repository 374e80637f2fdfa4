/**
 * Service names derived from a Helm release's inputs the way the charts' `_helpers.tpl` derive them, so tests
 * can check a URL one component hands another against what the other release really creates, independently of
 * the constants the program uses.
 */

type Values = Record<string, unknown>;

function truncate(name: string, length: number): string {
  return name.slice(0, length).replace(/-+$/, "");
}

/** The common `<chart>.fullname`: `fullnameOverride`, else the release name if it contains the chart name, else `<release>-<chart>`. */
export function chartFullname(releaseName: string, chartName: string, values: Values, maxLength = 63): string {
  const override = values.fullnameOverride;
  if (typeof override === "string" && override !== "") return truncate(override, maxLength);
  const name = typeof values.nameOverride === "string" && values.nameOverride !== "" ? values.nameOverride : chartName;
  return truncate(releaseName.includes(name) ? releaseName : `${releaseName}-${name}`, maxLength);
}

/** kube-prometheus-stack cuts its fullname to 26 characters; the Prometheus Service is `<fullname>-prometheus`, port 9090. */
export function prometheusService(releaseName: string, values: Values): { name: string; port: number } {
  return { name: `${chartFullname(releaseName, "kube-prometheus-stack", values, 26)}-prometheus`, port: 9090 };
}

/** kube-prometheus-stack's Alertmanager Service is `<fullname>-alertmanager`, port `alertmanager.service.port` (9093). */
export function alertmanagerService(releaseName: string, values: Values): { name: string; port: number } {
  const service = (((values.alertmanager ?? {}) as Values).service ?? {}) as Values;
  return { name: `${chartFullname(releaseName, "kube-prometheus-stack", values, 26)}-alertmanager`, port: typeof service.port === "number" ? service.port : 9093 };
}

/** kiali-server names its Service `deployment.instance_name` (kiali), port `server.port` (20001), the UI under `server.web_root`. */
export function kialiService(values: Values): { name: string; port: number; webRoot: string } {
  const deployment = (values.deployment ?? {}) as Values;
  const server = (values.server ?? {}) as Values;
  return {
    name: typeof deployment.instance_name === "string" ? deployment.instance_name : "kiali",
    port: typeof server.port === "number" ? server.port : 20001,
    webRoot: typeof server.web_root === "string" ? server.web_root : "",
  };
}

/** Grafana, kube-prometheus-stack's subchart: its own fullname rule over `grafana.*`, Service port `grafana.service.port` (80). */
export function grafanaService(releaseName: string, values: Values): { name: string; port: number } {
  const grafana = (values.grafana ?? {}) as Values;
  const service = (grafana.service ?? {}) as Values;
  return { name: chartFullname(releaseName, "grafana", grafana), port: typeof service.port === "number" ? service.port : 80 };
}

/** The jaeger 4.x all-in-one Service is named after the fullname; its ports are fixed in the template. */
export function jaegerService(releaseName: string, values: Values): { name: string; ports: { otlpGrpc: number; queryHttp: number; queryGrpc: number } } {
  return { name: chartFullname(releaseName, "jaeger", values), ports: { otlpGrpc: 4317, queryHttp: 16686, queryGrpc: 16685 } };
}

/** `http://<service>.<namespace>.svc.cluster.local:<port>` */
export function serviceUrl(name: string, namespace: string, port: number): string {
  return `http://${name}.${namespace}.svc.cluster.local:${port}`;
}
