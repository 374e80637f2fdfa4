import { defineResourcePolicy } from "../../lib/definePolicy";
import { asRecord, asString } from "../../lib/values";

const gatewayApiGroups = ["gateway.networking.k8s.io", "gateway.networking.x-k8s.io"];
const bundleVersionAnnotation = "gateway.networking.k8s.io/bundle-version";
const channelAnnotation = "gateway.networking.k8s.io/channel";

/** Istio 1.30's own minimums per CRD (`MinimumCRDVersions`, analyzer IST0176): below them istiod does not watch the kind. */
export const istioMinimumCrdVersions: Readonly<Record<string, string>> = {
  "grpcroutes.gateway.networking.k8s.io": "v1.1.0",
  "backendtlspolicies.gateway.networking.k8s.io": "v1.4.0",
  "tlsroutes.gateway.networking.k8s.io": "v1.5.0",
};

function parseVersion(text: string): number[] | undefined {
  const match = /^v?(\d+)\.(\d+)\.(\d+)(?:-[0-9A-Za-z.-]+)?$/.exec(text);
  return match ? match.slice(1, 4).map(Number) : undefined;
}

/** Prerelease suffixes dropped, as IST0176 compares them. */
function below(version: number[], minimum: number[]): boolean {
  for (let i = 0; i < 3; i++) if (version[i] !== minimum[i]) return version[i] < minimum[i];
  return false;
}

interface Config {
  /** The bundle version the stack's Gateway API objects need (Istio 1.30 supports and is tested with v1.5.1). */
  minimumBundleVersion: string;
}

/** Gateway API CRDs a stack installs are a standard-channel bundle Istio 1.30 supports (istioctl IST0176). */
export const requireSupportedGatewayApi = defineResourcePolicy<Config>({
  name: "istio-crd-require-supported-gateway-api",
  description:
    "A Gateway API CustomResourceDefinition must carry the `gateway.networking.k8s.io/bundle-version` annotation at the minimum " +
    "bundle (default v1.5.0, and at least Istio's own per-CRD minimum: istioctl IST0176, below which istiod silently ignores the " +
    "kind's resources) and the `standard` channel. Install the standard-channel CRDs of Gateway API v1.5.1.",
  enforcementLevel: "mandatory",
  severity: "high",
  kinds: ["CustomResourceDefinition"],
  configSchema: { properties: { minimumBundleVersion: { type: "string", pattern: "^v\\d+\\.\\d+\\.\\d+$", default: "v1.5.0" } } },
  check: (crd, config) => {
    if (!gatewayApiGroups.includes(asString(crd.spec.group) ?? "")) return [];
    const annotations = asRecord(asRecord(crd.props.metadata).annotations);
    const bundle = asString(annotations[bundleVersionAnnotation]);
    const channel = asString(annotations[channelAnnotation]);
    const minimums = [config.minimumBundleVersion, istioMinimumCrdVersions[crd.name]].filter((version): version is string => version !== undefined);
    const required = minimums.reduce((highest, version) => (below(parseVersion(highest) ?? [0, 0, 0], parseVersion(version) ?? [0, 0, 0]) ? version : highest));
    const parsed = bundle === undefined ? undefined : parseVersion(bundle);
    const findings = [];
    if (parsed === undefined || below(parsed, parseVersion(required) ?? [0, 0, 0])) {
      findings.push({ path: `metadata.annotations["${bundleVersionAnnotation}"]`, found: bundle, expected: `a bundle version of at least ${required}`, fix: "Install the Gateway API v1.5.1 standard-channel CRDs." });
    }
    if (channel !== "standard") {
      findings.push({ path: `metadata.annotations["${channelAnnotation}"]`, found: channel, expected: "standard", fix: "Install the standard channel: experimental CRDs carry fields and kinds without stability guarantees." });
    }
    return findings;
  },
});
