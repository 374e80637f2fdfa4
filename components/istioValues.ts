import type { ComputeResources } from "../settings/environments";
import type { GatewaySettings, IstioSettings } from "../settings/istio";
import type { IstioRevision } from "../settings/revisions";
import { envoyStatsMatcher } from "./alertRules";
import type { GatewayInjection } from "./istioRevisions";
import { type GatewayNames, tracing } from "./names";

/** Envoy access log fields, one JSON object per request. */
export const accessLogFields: Readonly<Record<string, string>> = {
  timestamp: "%START_TIME%",
  method: "%REQ(:METHOD)%",
  path: "%REQ(X-ENVOY-ORIGINAL-PATH?:PATH)%",
  protocol: "%PROTOCOL%",
  response_code: "%RESPONSE_CODE%",
  response_flags: "%RESPONSE_FLAGS%",
  bytes_received: "%BYTES_RECEIVED%",
  bytes_sent: "%BYTES_SENT%",
  duration: "%DURATION%",
  upstream_service_time: "%RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)%",
  x_forwarded_for: "%REQ(X-FORWARDED-FOR)%",
  user_agent: "%REQ(USER-AGENT)%",
  request_id: "%REQ(X-REQUEST-ID)%",
  authority: "%REQ(:AUTHORITY)%",
  upstream_host: "%UPSTREAM_HOST%",
  upstream_cluster: "%UPSTREAM_CLUSTER%",
  downstream_remote_address: "%DOWNSTREAM_REMOTE_ADDRESS%",
  requested_server_name: "%REQUESTED_SERVER_NAME%",
  route_name: "%ROUTE_NAME%",
  trace_id: "%REQ(TRACEPARENT)%",
};

/**
 * Where istiod may never fetch a RequestAuthentication's JWKS from: its own loopback (istiod's debug and
 * admin ports listen there) and 0.0.0.0/8, which Linux routes to the host. istiod already refuses link-local
 * and cloud metadata addresses; private ranges stay open, since in-cluster identity providers live there.
 */
export const blockedJwksCidrs: readonly string[] = ["127.0.0.0/8", "::1/128", "0.0.0.0/8"];

function resourcesValues(resources: ComputeResources) {
  return {
    requests: { ...resources.requests },
    limits: { ...resources.limits },
  };
}

/** Values of the `base` chart: the CRDs, and the default validator pointing at the revision app namespaces use. */
export function istioBaseValues(istio: Pick<IstioSettings, "defaultRevision">): Record<string, unknown> {
  return istio.defaultRevision === undefined ? {} : { defaultRevision: istio.defaultRevision };
}

/** The revision of one istiod release, and the tags its chart renders (only stacks installed that way have any). */
function revisionValues(revision: IstioRevision | undefined): Record<string, unknown> {
  if (revision === undefined) return {};
  return { revision: revision.name, ...(revision.chartRevisionTags.length === 0 ? {} : { revisionTags: [...revision.chartRevisionTags] }) };
}

/**
 * Values of one `istiod` chart release (`revision` undefined: the default revision). meshConfig is Istio's
 * MeshConfig, passed through unchanged; `meshDefaults` joins it (what the mesh resources rely on istiod for, e.g.
 * the Gateway API ingress's TLS minimum and retries).
 */
export function istiodValues(
  istio: IstioSettings,
  revision?: IstioRevision,
  meshDefaults: Readonly<Record<string, unknown>> = {},
  options: { readonly writeStatus: boolean } = { writeStatus: false },
): Record<string, unknown> {
  const tracingService = `${tracing.serviceName}.${tracing.namespace}.svc.cluster.local`;
  return {
    // The chart turns this into PILOT_ENABLE_ANALYSIS: istiod runs its analyzers and writes status.validationMessages.
    ...(options.writeStatus ? { global: { istiod: { enableAnalysis: true } } } : {}),
    autoscaleEnabled: true,
    autoscaleMin: istio.istiod.autoscaleMin,
    autoscaleMax: istio.istiod.autoscaleMax,
    resources: resourcesValues(istio.istiod.resources),
    ...revisionValues(revision),
    // Start the validation webhook as Fail: istiod would flip it from Ignore, which shows as drift on every update.
    base: { validationFailurePolicy: "Fail" },
    env: { BLOCKED_CIDRS_IN_JWKS_URIS: blockedJwksCidrs.join(",") },
    meshConfig: {
      ...(istio.accessLog
        ? { accessLogFile: "/dev/stdout", accessLogEncoding: "JSON", accessLogFormat: JSON.stringify(accessLogFields) }
        : {}),
      outboundTrafficPolicy: { mode: istio.outboundTrafficPolicy },
      meshMTLS: { minProtocolVersion: "TLSV1_3" },
      // Envoy drops these stats unless asked; the circuit-breaking, outlier and mTLS alerts read them.
      defaultConfig: {
        proxyStatsMatcher: { inclusionSuffixes: [...envoyStatsMatcher.inclusionSuffixes], inclusionRegexps: [...envoyStatsMatcher.inclusionRegexps] },
      },
      extensionProviders: [
        { name: tracing.extensionProviderName, opentelemetry: { service: tracingService, port: tracing.otlpGrpcPort } },
      ],
      ...meshDefaults,
    },
  };
}

function topologySpreadConstraints(selector: Readonly<Record<string, string>>) {
  return ["topology.kubernetes.io/zone", "kubernetes.io/hostname"].map((topologyKey) => ({
    maxSkew: 1,
    topologyKey,
    whenUnsatisfiable: "ScheduleAnyway",
    labelSelector: { matchLabels: { ...selector } },
  }));
}

/** Names the revision behind the gateway's tag on its pods, so moving the tag rolls the gateway onto the new revision in the same update. */
export const injectingRevisionAnnotation = "istio-mesh/injecting-revision";

/** Values of a `gateway` chart release; its schema rejects unknown top-level keys at install. */
export function gatewayValues(names: GatewayNames, gateway: GatewaySettings, injection: GatewayInjection | undefined): Record<string, unknown> {
  return {
    ...(injection === undefined ? {} : { revision: injection.label }),
    ...(injection === undefined || injection.label === injection.revision ? {} : { podAnnotations: { [injectingRevisionAnnotation]: injection.revision } }),
    labels: { ...names.selector },
    service: { type: gateway.serviceType, annotations: { ...gateway.serviceAnnotations } },
    autoscaling: {
      enabled: true,
      minReplicas: gateway.minReplicas,
      maxReplicas: gateway.maxReplicas,
      targetCPUUtilizationPercentage: gateway.targetCPUUtilizationPercentage,
    },
    resources: resourcesValues(gateway.resources),
    ...(gateway.podDisruptionBudgetMinAvailable === undefined
      ? {}
      : { podDisruptionBudget: { minAvailable: gateway.podDisruptionBudgetMinAvailable } }),
    ...(gateway.topologySpread ? { topologySpreadConstraints: topologySpreadConstraints(names.selector) } : {}),
  };
}
