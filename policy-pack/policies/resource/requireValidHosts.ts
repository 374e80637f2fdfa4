import { defineResourcePolicy } from "../../lib/definePolicy";
import { isIpAddress, namespacedHostProblem, partialWildcardProblem, wildcardDomainProblem } from "../../lib/hostSyntax";
import { Finding } from "../../lib/messages";
import { asArray, asRecord, asString, asStringArray } from "../../lib/values";

const fix = "istiod's validating webhook rejects this host; write it as a DNS name with * only as a leading label.";

function finding(path: string, host: string, expected: string, istioctlCode?: string): Finding {
  return { path, found: host, expected, fix, ...(istioctlCode ? { istioctlCode } : {}) };
}

/** The host syntax istiod's webhook enforces, per kind (istioctl IST0106; IST0133 for a warning). */
export const requireValidHosts = defineResourcePolicy({
  name: "istio-resource-require-valid-hosts",
  description:
    "Hosts must have the syntax istiod's validating webhook accepts: RFC 1123 labels with a `*` only as the first " +
    "label or its prefix (VirtualService, DestinationRule, ServiceEntry hosts), no bare `*` on a mesh-bound " +
    "VirtualService or a ServiceEntry, `[namespace/]fqdn` on Gateway servers (an IP address allowed) and " +
    "`namespace/fqdn` on Sidecar egress listeners, never a partial wildcard like `api*.example.com` (istioctl IST0106; " +
    "IST0133 for a ServiceEntry's partial wildcard, a warning). Fix the host.",
  enforcementLevel: "mandatory",
  severity: "high",
  kinds: ["VirtualService", "DestinationRule", "ServiceEntry", "Gateway", "Sidecar"],
  check: (resource) => {
    const spec = resource.spec;
    switch (resource.kind) {
      case "VirtualService": {
        const gateways = asStringArray(spec.gateways);
        const toMesh = gateways.length === 0 || gateways.includes("mesh");
        const toGateway = gateways.some((gateway) => gateway !== "mesh");
        const sni = asArray(spec.tls).length > 0;
        return asStringArray(spec.hosts).flatMap((host, i) => {
          const problem = toGateway && sni && host.startsWith("outbound_") ? undefined : wildcardDomainProblem(host);
          if (problem && !isIpAddress(host)) return [finding(`spec.hosts[${i}]`, host, problem)];
          return !problem && toMesh && host === "*" ? [finding(`spec.hosts[${i}]`, host, "a host other than * (a mesh-bound VirtualService cannot take every host)")] : [];
        });
      }
      case "DestinationRule": {
        const host = asString(spec.host) ?? "";
        const problem = wildcardDomainProblem(host);
        return problem ? [finding("spec.host", host, problem)] : [];
      }
      case "ServiceEntry":
        return asStringArray(spec.hosts).flatMap((host, i) => {
          if (host === "*") return [finding(`spec.hosts[${i}]`, host, "a host other than * (a ServiceEntry cannot take every host)")];
          const problem = wildcardDomainProblem(host);
          if (problem) return [finding(`spec.hosts[${i}]`, host, problem)];
          const partial = asString(spec.resolution) === "DYNAMIC_DNS" ? undefined : partialWildcardProblem(host);
          return partial ? [finding(`spec.hosts[${i}]`, host, partial, "IST0133")] : [];
        });
      case "Gateway":
        return asArray(spec.servers).flatMap((server, i) =>
          asStringArray(asRecord(server).hosts).flatMap((host, j) => {
            const problem = namespacedHostProblem(host, true);
            return problem ? [finding(`spec.servers[${i}].hosts[${j}]`, host, problem)] : [];
          }),
        );
      case "Sidecar":
        return asArray(spec.egress).flatMap((listener, i) =>
          asStringArray(asRecord(listener).hosts).flatMap((host, j) => {
            const problem = namespacedHostProblem(host, false);
            return problem ? [finding(`spec.egress[${i}].hosts[${j}]`, host, problem)] : [];
          }),
        );
      default:
        return [];
    }
  },
});
