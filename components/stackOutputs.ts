import type * as kubernetes from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { Settings } from "../settings";
import { type GatewayNames, jaegerPorts, kiali, monitoring, serviceHost, tracing } from "./names";

/** What the stack outputs for day two: where the ingress answers, and how to reach each UI. */

export interface UiEndpoint {
  /** The UI's in-cluster address, for other workloads and for Kiali's and Grafana's own links. */
  readonly url: string;
  /** The command that makes it reachable from a workstation. */
  readonly portForward: string;
  /** What to open once the port-forward runs. */
  readonly open: string;
}

function endpoint(namespace: string, service: string, port: number, localPort: number, path = ""): UiEndpoint {
  return {
    url: `http://${serviceHost(service, namespace)}:${port}${path}`,
    portForward: `kubectl -n ${namespace} port-forward svc/${service} ${localPort}:${port}`,
    open: `http://localhost:${localPort}${path}`,
  };
}

/** The UIs the stack installs: Grafana, Prometheus and Alertmanager with monitoring, Jaeger with tracing, Kiali. */
export function uiEndpoints(settings: Pick<Settings, "monitoring" | "tracing" | "kiali">): Record<string, UiEndpoint> {
  return {
    ...(settings.monitoring.enabled
      ? {
          grafana: endpoint(monitoring.namespace, monitoring.grafanaServiceName, monitoring.grafanaPort, 3000),
          prometheus: endpoint(monitoring.namespace, monitoring.prometheusServiceName, monitoring.prometheusPort, monitoring.prometheusPort),
          alertmanager: endpoint(monitoring.namespace, monitoring.alertmanagerServiceName, monitoring.alertmanagerPort, monitoring.alertmanagerPort),
        }
      : {}),
    ...(settings.tracing.enabled ? { jaeger: endpoint(tracing.namespace, tracing.serviceName, jaegerPorts.queryHttp, jaegerPorts.queryHttp) } : {}),
    ...(settings.kiali.enabled && settings.monitoring.enabled ? { kiali: endpoint(kiali.namespace, kiali.serviceName, kiali.port, kiali.port, kiali.webRoot) } : {}),
  };
}

/** The parts of a Service the address is read from, as the Kubernetes API reports them. */
export interface ServiceState {
  readonly type?: string;
  readonly ports?: readonly { readonly port?: number; readonly nodePort?: number }[];
  readonly ingress?: readonly { readonly ip?: string; readonly hostname?: string }[];
}

/**
 * Where clients reach the ingress gateway: the load balancer's IP or host name once the cloud assigned one, any
 * node's address at the HTTPS node port for a NodePort Service, the in-cluster name otherwise.
 */
export function gatewayAddress(names: GatewayNames, service: ServiceState): string {
  const inCluster = serviceHost(names.releaseName, names.namespace);
  switch (service.type ?? "LoadBalancer") {
    case "LoadBalancer": {
      const [assigned] = service.ingress ?? [];
      return assigned?.ip ?? assigned?.hostname ?? `pending: no load balancer address yet (kubectl -n ${names.namespace} get svc ${names.releaseName} -w; then pulumi refresh)`;
    }
    case "NodePort": {
      const https = (service.ports ?? []).find((port) => port.port === 443);
      return `<any node's address>:${https?.nodePort ?? "<the node port of 443>"} (kubectl get nodes -o wide)`;
    }
    default:
      return `${inCluster} (ClusterIP: in-cluster only)`;
  }
}

/** The gateway's address from its live Service (unknown until the release exists, as in a first preview). */
export function gatewayAddressOutput(names: GatewayNames, service: kubernetes.core.v1.Service): pulumi.Output<string> {
  return pulumi
    .all([service.spec, service.status])
    .apply(([spec, status]) => gatewayAddress(names, { type: spec?.type, ports: spec?.ports, ingress: status?.loadBalancer?.ingress }));
}
