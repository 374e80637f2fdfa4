/**
 * How `@pulumi/kubernetes-cert-manager` 0.2.0 turns its inputs into the chart's values. The component's provider
 * (pulumi-go-helmbase `InitDefaults`) decodes its whole typed args struct into `helmOptions.values`, key by key:
 * every key the component types replaces the entry of the same name, and a typed key left unset arrives as null
 * and is dropped. A typed key set only in `helmOptions.values` therefore never reaches the chart.
 */
import { asRecord, Json } from "./values";

/** The component's typed inputs (CertManagerArgs of 0.2.0, `helmOptions` aside): each one owns its values key. */
export const certManagerTypedKeys: readonly string[] = Object.freeze([
  "affinity",
  "cainjector",
  "clusterResourceNamespace",
  "containerSecurityContext",
  "deploymentAnnotations",
  "extraArgs",
  "extraEnv",
  "extraVolumeMounts",
  "extraVolumes",
  "featureGates",
  "global",
  "http_proxy",
  "https_proxy",
  "image",
  "ingressShim",
  "installCRDs",
  "no_proxy",
  "nodeSelector",
  "podAnnotations",
  "podDnsConfig",
  "podDnsPolicy",
  "podLabels",
  "prometheus",
  "replicaCount",
  "resources",
  "securityContext",
  "serviceAccount",
  "serviceAnnotations",
  "serviceLabels",
  "startupapicheck",
  "strategy",
  "tolerations",
  "webhook",
]);

const typedKeys = new Set(certManagerTypedKeys);

/** The `helmOptions.values` keys the typed inputs replace: whatever the program put there is lost. */
export function shadowedHelmValues(props: Json): string[] {
  return Object.keys(asRecord(asRecord(props.helmOptions).values)).filter((key) => typedKeys.has(key));
}

/** The values the chart receives: `helmOptions.values` without the typed keys, then every typed input that is set. */
export function certManagerChartValues(props: Json): Json {
  const values = Object.entries(asRecord(asRecord(props.helmOptions).values)).filter(([key]) => !typedKeys.has(key));
  const typed = Object.entries(props).filter(([key, value]) => typedKeys.has(key) && value !== undefined && value !== null);
  return Object.fromEntries([...values, ...typed]);
}
