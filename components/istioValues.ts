import type { ComputeResources } from "../settings/environments";
import type { GatewaySettings, IstioSettings } from "../settings/istio";
import { envoyStatsMatcher } from "./alertRules";
import { type GatewayNames, tracing } from "./names";

/** Envoy access log fields, one JSON object per request (the seeds' format). */
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

function resourcesValues(resources: ComputeResources) {
  return {
    requests: { ...resources.requests },
    limits: { ...resources.limits },
  };
}

/** Values of the `base` chart: the CRDs, and the default-revision webhook pointing at our revision. */
export function istioBaseValues(istio: IstioSettings): Record<string, unknown> {
  return istio.revision === undefined ? {} : { defaultRevision: istio.revision };
}

/** Values of the `istiod` chart. meshConfig is Istio's MeshConfig, passed through unchanged. */
export function istiodValues(istio: IstioSettings): Record<string, unknown> {
  const tracingService = `${tracing.serviceName}.${tracing.namespace}.svc.cluster.local`;
  return {
    autoscaleEnabled: true,
    autoscaleMin: istio.istiod.autoscaleMin,
    autoscaleMax: istio.istiod.autoscaleMax,
    resources: resourcesValues(istio.istiod.resources),
    ...(istio.revision === undefined ? {} : { revision: istio.revision, revisionTags: [...istio.revisionTags] }),
    // Start the validation webhook as Fail: istiod would flip it from Ignore, which shows as drift on every update.
    base: { validationFailurePolicy: "Fail" },
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

/** Values of a `gateway` chart release; its schema rejects unknown top-level keys at install. */
export function gatewayValues(names: GatewayNames, gateway: GatewaySettings, revision: string | undefined): Record<string, unknown> {
  return {
    ...(revision === undefined ? {} : { revision }),
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
