import type { ComputeResources } from "../settings/environments";
import type { PinnedChart } from "./helmRelease";
import { argocd, certManager, kiali, monitoring, tracing } from "./names";

/** The add-on charts, each pinned to the exact version the stacks were tested with (../shared/reference/charts). */

export const certManagerChart: PinnedChart = Object.freeze({
  releaseName: certManager.releaseName,
  chart: "cert-manager",
  version: "v1.21.1",
  repository: "https://charts.jetstack.io",
  namespace: certManager.namespace,
});

export const kubePrometheusStackChart: PinnedChart = Object.freeze({
  releaseName: monitoring.releaseName,
  chart: "kube-prometheus-stack",
  version: "88.5.3",
  repository: "https://prometheus-community.github.io/helm-charts",
  namespace: monitoring.namespace,
});

export const jaegerChart: PinnedChart = Object.freeze({
  releaseName: tracing.releaseName,
  chart: "jaeger",
  version: "4.11.1",
  repository: "https://jaegertracing.github.io/helm-charts",
  namespace: tracing.namespace,
});

export const kialiChart: PinnedChart = Object.freeze({
  releaseName: kiali.releaseName,
  chart: "kiali-server",
  version: "2.29.0",
  repository: "https://kiali.org/helm-charts",
  namespace: kiali.namespace,
});

/** Requests and limits as every chart's `resources` value takes them (a fresh copy: the settings are frozen). */
export function resourceValues(resources: ComputeResources) {
  return { requests: { ...resources.requests }, limits: { ...resources.limits } };
}

/** Argo CD v3.4.4 (chart argo-cd 10.1.1, with the redis-ha subchart 4.38.0) in the stack's Argo CD namespace. */
export function argocdChart(namespace: string): PinnedChart {
  return Object.freeze({ releaseName: argocd.releaseName, chart: "argo-cd", version: "10.1.1", repository: "https://argoproj.github.io/argo-helm", namespace });
}
