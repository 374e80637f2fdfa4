/**
 * Which `istioctl analyze` (Istio 1.30) messages the pack's policies raise, and which analyzers raise them, so
 * a finding of the pack can be compared with istioctl's on the same resources (`npm run parity`,
 * `npm run test:istioctl`); and, for every other IST code, why it cannot be decided before deploy.
 * `policy-pack/README.md` renders this table; a test keeps the two in step.
 */

/** One istioctl message a policy raises: its code, and the analyzers (Go type names) that raise it. */
export interface IstioctlCheck {
  readonly code: string;
  readonly analyzers: readonly string[];
}

const schemaAnalyzers = [
  "AuthorizationPolicy", "DestinationRule", "EnvoyFilter", "Gateway", "PeerAuthentication", "ProxyConfig", "RequestAuthentication",
  "ServiceEntry", "Sidecar", "Telemetry", "VirtualService", "WasmPlugin", "WorkloadEntry", "WorkloadGroup",
].map((kind) => `schema.ValidationAnalyzer.${kind}`);

/** Policy name → the istioctl messages it raises. */
export const policyChecks: Readonly<Record<string, readonly IstioctlCheck[]>> = {
  "istio-namespace-forbid-conflicting-injection-labels": [{ code: "IST0123", analyzers: ["injection.Analyzer"] }],
  "istio-virtualservice-require-existing-gateway": [{ code: "IST0101", analyzers: ["virtualservice.GatewayAnalyzer"] }],
  "istio-virtualservice-require-gateway-host-match": [{ code: "IST0132", analyzers: ["virtualservice.GatewayAnalyzer"] }],
  "istio-virtualservice-require-defined-subset": [{ code: "IST0101", analyzers: ["virtualservice.DestinationRuleAnalyzer"] }],
  "istio-virtualservice-forbid-conflicting-mesh-hosts": [{ code: "IST0109", analyzers: ["virtualservice.ConflictingMeshGatewayHostsAnalyzer"] }],
  "istio-gateway-forbid-conflicting-hosts": [{ code: "IST0145", analyzers: ["gateway.ConflictingGatewayAnalyzer"] }],
  "istio-gateway-forbid-shared-credential": [{ code: "IST0138", analyzers: ["gateway.CertificateAnalyzer"] }],
  "istio-sidecar-forbid-multiple-selectorless": [{ code: "IST0111", analyzers: ["sidecar.SelectorAnalyzer"] }],
  "istio-telemetry-forbid-multiple-selectorless": [{ code: "IST0160", analyzers: ["telemetry.DefaultSelectorAnalyzer"] }],
  "istio-envoyfilter-require-priority-for-relative-patch": [{ code: "IST0151", analyzers: ["envoyfilter.EnvoyPatchAnalyzer"] }],
  "istio-envoyfilter-forbid-unsupported-patch-operation": [{ code: "IST0152", analyzers: ["envoyfilter.EnvoyPatchAnalyzer"] }],
  "istio-resource-require-valid-schema": [{ code: "IST0106", analyzers: schemaAnalyzers }],
  "istio-resource-require-cel-rules": [{ code: "IST0106", analyzers: schemaAnalyzers }],
};

/** IST codes no policy raises, with the reason the verdict cannot be reached from declared resources. */
export const undecidableCodes: Readonly<Record<string, string>> = {};
