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
  "istio-namespace-require-injection-label": [
    { code: "IST0102", analyzers: ["injection.Analyzer"] },
    { code: "IST0148", analyzers: ["injection.Analyzer"] },
  ],
  "istio-virtualservice-require-existing-gateway": [{ code: "IST0101", analyzers: ["virtualservice.GatewayAnalyzer"] }],
  "istio-virtualservice-require-gateway-host-match": [{ code: "IST0132", analyzers: ["virtualservice.GatewayAnalyzer"] }],
  "istio-virtualservice-require-defined-subset": [{ code: "IST0101", analyzers: ["virtualservice.DestinationRuleAnalyzer"] }],
  "istio-virtualservice-forbid-conflicting-mesh-hosts": [{ code: "IST0109", analyzers: ["virtualservice.ConflictingMeshGatewayHostsAnalyzer"] }],
  "istio-gateway-forbid-conflicting-hosts": [{ code: "IST0145", analyzers: ["gateway.ConflictingGatewayAnalyzer"] }],
  "istio-gateway-forbid-shared-credential": [{ code: "IST0138", analyzers: ["gateway.CertificateAnalyzer"] }],
  "istio-sidecar-forbid-multiple-selectorless": [
    { code: "IST0111", analyzers: ["sidecar.SelectorAnalyzer"] },
    { code: "IST0167", analyzers: ["sidecar.SelectorAnalyzer"] },
  ],
  "istio-telemetry-forbid-multiple-selectorless": [{ code: "IST0160", analyzers: ["telemetry.DefaultSelectorAnalyzer"] }],
  "istio-envoyfilter-require-priority-for-relative-patch": [
    { code: "IST0151", analyzers: ["envoyfilter.EnvoyPatchAnalyzer"] },
    { code: "IST0155", analyzers: ["envoyfilter.EnvoyPatchAnalyzer"] },
  ],
  "istio-envoyfilter-forbid-unsupported-patch-operation": [
    { code: "IST0152", analyzers: ["envoyfilter.EnvoyPatchAnalyzer"] },
    { code: "IST0153", analyzers: ["envoyfilter.EnvoyPatchAnalyzer"] },
    { code: "IST0154", analyzers: ["envoyfilter.EnvoyPatchAnalyzer"] },
  ],
  "istio-resource-require-valid-schema": [{ code: "IST0106", analyzers: schemaAnalyzers }],
  "istio-resource-require-cel-rules": [{ code: "IST0106", analyzers: schemaAnalyzers }],
  "istio-workload-forbid-proxy-uid": [{ code: "IST0144", analyzers: ["deployment.ApplicationUIDAnalyzer"] }],
  "istio-service-require-port-protocol": [
    { code: "IST0118", analyzers: ["service.PortNameAnalyzer"] },
    { code: "IST0150", analyzers: ["service.PortNameAnalyzer"] },
  ],
  "istio-gateway-require-selected-workload": [
    { code: "IST0101", analyzers: ["gateway.IngressGatewayPortAnalyzer", "gateway.SecretAnalyzer", "gateway.ConflictingGatewayAnalyzer"] },
  ],
  "istio-gateway-require-certificate": [{ code: "IST0101", analyzers: ["gateway.SecretAnalyzer"] }],
  "istio-gateway-require-service-port": [{ code: "IST0162", analyzers: ["gateway.IngressGatewayPortAnalyzer"] }],
  "istio-sidecar-require-selected-workload": [{ code: "IST0101", analyzers: ["sidecar.SelectorAnalyzer"] }],
  "istio-sidecar-forbid-overlapping-selectors": [
    { code: "IST0110", analyzers: ["sidecar.SelectorAnalyzer"] },
    { code: "IST0167", analyzers: ["sidecar.SelectorAnalyzer"] },
  ],
  "istio-telemetry-require-selected-workload": [{ code: "IST0101", analyzers: ["telemetry.SelectorAnalyzer"] }],
  "istio-telemetry-forbid-overlapping-selectors": [{ code: "IST0159", analyzers: ["telemetry.SelectorAnalyzer"] }],
  "istio-virtualservice-forbid-internal-gateway-reference": [{ code: "IST0165", analyzers: ["virtualservice.GatewayAnalyzer"] }],
  "istio-virtualservice-require-existing-destination": [{ code: "IST0101", analyzers: ["virtualservice.DestinationHostAnalyzer"] }],
  "istio-virtualservice-require-destination-port": [{ code: "IST0112", analyzers: ["virtualservice.DestinationHostAnalyzer"] }],
  "istio-destinationrule-require-ca-certificates": [
    { code: "IST0128", analyzers: ["destinationrule.CaCertificateAnalyzer"] },
    { code: "IST0129", analyzers: ["destinationrule.CaCertificateAnalyzer"] },
  ],
  "istio-destinationrule-require-known-host": [{ code: "IST0174", analyzers: ["destinationrule.PodNotSelectedAnalyzer"] }],
  "istio-destinationrule-require-subset-workloads": [{ code: "IST0173", analyzers: ["destinationrule.PodNotSelectedAnalyzer"] }],
  "istio-webhook-require-external-control-plane-address": [
    { code: "IST0163", analyzers: ["externalcontrolplane.ExternalControlPlaneAnalyzer"] },
    { code: "IST0164", analyzers: ["externalcontrolplane.ExternalControlPlaneAnalyzer"] },
  ],
  "istio-webhook-forbid-overlapping-injection": [{ code: "IST0139", analyzers: ["webhook.Analyzer"] }],
  "istio-serviceentry-require-addresses-for-tcp": [{ code: "IST0134", analyzers: ["serviceentry.ProtocolAddressesAnalyzer"] }],
  "istio-authorizationpolicy-require-selected-workload": [{ code: "IST0127", analyzers: ["authz.AuthorizationPoliciesAnalyzer"] }],
  "istio-authorizationpolicy-require-existing-namespaces": [{ code: "IST0101", analyzers: ["authz.AuthorizationPoliciesAnalyzer"] }],
  "istio-resource-forbid-selector-on-kubernetes-gateway": [{ code: "IST0166", analyzers: ["k8sgateway.SelectorAnalyzer"] }],
  "istio-resource-forbid-deprecated-fields": [{ code: "IST0002", analyzers: ["deprecation.FieldAnalyzer"] }],
  "istio-virtualservice-require-jwt-authentication-for-claim-routes": [{ code: "IST0149", analyzers: ["virtualservice.JWTClaimRouteAnalyzer"] }],
  "istio-virtualservice-forbid-subsetless-ingress-route": [{ code: "IST0140", analyzers: ["virtualservice.DestinationHostAnalyzer"] }],
  "istio-deployment-forbid-conflicting-service-ports": [
    { code: "IST0116", analyzers: ["deployment.ServiceAssociationAnalyzer"] },
    { code: "IST0137", analyzers: ["deployment.ServiceAssociationAnalyzer"] },
  ],
  "istio-workload-require-injection-for-image-auto": [
    { code: "IST0146", analyzers: ["injection.ImageAutoAnalyzer"] },
    { code: "IST0147", analyzers: ["injection.ImageAutoAnalyzer"] },
  ],
  "istio-crd-require-supported-gateway-api": [{ code: "IST0176", analyzers: ["k8sgateway.CRDVersionAnalyzer"] }],
  "istio-meshconfig-require-jwks-blocked-cidrs": [{ code: "IST0175", analyzers: ["authn.BlockedCIDRsAnalyzer"] }],
  "istio-meshconfig-require-known-service-registry": [{ code: "IST0126", analyzers: ["multicluster.MeshNetworksAnalyzer"] }],
  "istio-telemetry-require-access-log-provider": [{ code: "IST0157", analyzers: ["telemetry.ProviderAnalyzer"] }],
  "istio-telemetry-forbid-lightstep-provider": [{ code: "IST0002", analyzers: ["telemetry.LightstepAnalyzer"] }],
  "istio-resource-require-valid-annotations": [
    { code: "IST0107", analyzers: ["annotations.K8sAnalyzer"] },
    { code: "IST0108", analyzers: ["annotations.K8sAnalyzer"] },
    { code: "IST0125", analyzers: ["annotations.K8sAnalyzer"] },
    { code: "IST0135", analyzers: ["annotations.K8sAnalyzer"] },
  ],
  "istio-virtualservice-forbid-unreachable-rules": [
    { code: "IST0130", analyzers: ["schema.ValidationAnalyzer.VirtualService"] },
    { code: "IST0131", analyzers: ["schema.ValidationAnalyzer.VirtualService"] },
  ],
  "istio-resource-require-valid-hosts": [
    { code: "IST0106", analyzers: schemaAnalyzers },
    { code: "IST0133", analyzers: schemaAnalyzers },
  ],
};

/** IST codes no policy raises, with the reason the verdict cannot be reached from declared resources. */
export const undecidableCodes: Readonly<Record<string, string>> = {
  IST0001: "istioctl's own failure (InternalError), not a finding about configuration",
  IST0103: "judges running pods: the injector adds the proxy at admission, so a declared pod never has one",
  IST0136: "raised only by the alpha-annotation analyzer, which `istioctl analyze` does not run",
  IST0141: "`istioctl x precheck` asks the live API server for the installer's permissions",
  IST0142: "`istioctl x precheck` reads the live cluster's Kubernetes version",
  IST0143: "reads the listeners a running proxy reports (no analyzer of 1.30 raises it)",
  IST0156: "`istioctl x precheck` reads the Gateway API CRDs installed in the live cluster",
  IST0158: "compares running pods' proxy images with the injector's: declared pods have no proxy yet",
  IST0161: "parses the certificate inside the Secret: its contents are secret, and cert-manager writes them at runtime",
  IST0168: "no command of 1.30 raises it; upgrade compatibility is judged by `istioctl x precheck` against the live installation",
  IST0169: "`istioctl x precheck` compares the live installation's settings with the new release's",
  IST0170: "compares one Service across the clusters of a multi-cluster mesh, which one stack does not hold",
  IST0171: "reads the conditions controllers write into `.status`, which declared resources do not have",
  IST0172: "`istioctl x precheck` reads the Gateway API CRDs installed in the live cluster",
};
