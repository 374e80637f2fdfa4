import { defineResourcePolicy } from "../../lib/definePolicy";
import { asRecord, asString } from "../../lib/values";

/**
 * The oldest Gateway API bundle version Istio 1.30 processes per CRD (pkg/config/schema/gatewayapi
 * MinimumCRDVersions); istiod ignores resources of an older CRD.
 */
export const minimumGatewayApiVersions: Readonly<Record<string, string>> = {
  "grpcroutes.gateway.networking.k8s.io": "1.1.0",
  "backendtlspolicies.gateway.networking.k8s.io": "1.4.0",
  "tlsroutes.gateway.networking.k8s.io": "1.5.0",
};

function parseVersion(text: string): number[] | undefined {
  const match = /^v?(\d+)\.(\d+)\.(\d+)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/.exec(text);
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : undefined;
}

function below(version: number[], minimum: number[]): boolean {
  for (let i = 0; i < 3; i++) {
    if (version[i] !== minimum[i]) return version[i] < minimum[i];
  }
  return false;
}

/** Gateway API CRDs at least at the version Istio needs (istioctl IST0176). */
export const requireGatewayApiMinimumVersion = defineResourcePolicy({
  name: "istio-customresourcedefinition-require-gateway-api-minimum-version",
  description:
    "A Gateway API CRD the stack installs must be at least the bundle version Istio 1.30 processes (GRPCRoute 1.1.0, " +
    "BackendTLSPolicy 1.4.0, TLSRoute 1.5.0, per its gateway.networking.k8s.io/bundle-version annotation); istiod " +
    "ignores resources of older ones (istioctl IST0176). Install the Gateway API CRDs of a supported release.",
  enforcementLevel: "mandatory",
  severity: "high",
  kinds: ["CustomResourceDefinition"],
  check: (crd) => {
    const minimum = minimumGatewayApiVersions[crd.name];
    const annotation = asString(asRecord(asRecord(crd.props.metadata).annotations)["gateway.networking.k8s.io/bundle-version"]);
    const version = annotation === undefined ? undefined : parseVersion(annotation);
    if (minimum === undefined || version === undefined || !below(version, parseVersion(minimum) as number[])) return [];
    return [{ path: 'metadata.annotations["gateway.networking.k8s.io/bundle-version"]', found: annotation, expected: `${minimum} or later`, fix: "Install the Gateway API CRDs of a release Istio 1.30 supports." }];
  },
});
