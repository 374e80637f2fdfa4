import { defineStackPolicy, StackFinding } from "../../lib/definePolicy";
import { serverHosts, servers } from "../../lib/gateway";
import { hostsMatch, qualifyHost, splitGatewayHost } from "../../lib/hosts";
import { MeshResource } from "../../lib/meshResource";
import { asStringArray } from "../../lib/values";
import { gatewayKey, hostsOf } from "../../lib/virtualService";

/**
 * Whether a Gateway host entry (`namespace/host`) exposes a host of a VirtualService in `namespace`. A short
 * VirtualService host also counts as its FQDN in that namespace, as Istio expands it.
 */
function entryExposes(entry: string, gateway: MeshResource, host: string, namespace: string): boolean {
  const { namespace: allowed, host: pattern } = splitGatewayHost(entry);
  const namespaceAllowed = allowed === "*" || allowed === namespace || (allowed === "." && gateway.namespace === namespace);
  return namespaceAllowed && (hostsMatch(pattern, host) || hostsMatch(pattern, qualifyHost(host, namespace)));
}

/** Property 10: every host of a gateway-bound VirtualService is served by that Gateway (istioctl IST0132). */
export const requireGatewayHostMatch = defineStackPolicy({
  name: "istio-virtualservice-require-gateway-host-match",
  description:
    "Each host of a VirtualService bound to a Gateway must be matched by that Gateway's hosts (those exposed to " +
    "the VirtualService's namespace), exactly or by a wildcard on either side (property 10, istioctl " +
    "IST0132). Add the host to the Gateway or remove it from the VirtualService.",
  enforcementLevel: "mandatory",
  severity: "high",
  kinds: ["VirtualService", "Gateway"],
  check: (inventory) => {
    const gatewayHosts = new Map<string, { gateway: MeshResource; entries: string[] }>();
    for (const gateway of inventory.of("Gateway")) {
      const entries = servers(gateway.spec).flatMap(({ value }) => serverHosts(value));
      gatewayHosts.set(`${gateway.namespace}/${gateway.name}`, { gateway, entries });
    }
    const findings: StackFinding[] = [];
    for (const virtualService of inventory.of("VirtualService")) {
      const references = asStringArray(virtualService.spec.gateways).filter((reference) => reference !== "mesh");
      for (const reference of references) {
        const bound = gatewayHosts.get(gatewayKey(reference, virtualService.namespace));
        if (!bound) {
          continue;
        }
        const hosts = hostsOf(virtualService.spec);
        const exposed = hosts.map((host) => bound.entries.some((entry) => entryExposes(entry, bound.gateway, host, virtualService.namespace)));
        // istioctl reports a Gateway only when none of the VirtualService's hosts is exposed there.
        const istioctlAgrees = !exposed.includes(true);
        hosts.forEach((host, i) => {
          if (!exposed[i]) {
            findings.push({
              resource: virtualService,
              path: `spec.hosts[${i}]`,
              found: host,
              expected: `a host matched by Gateway ${reference} (its hosts: ${bound.entries.join(", ") || "none"})`,
              fix: `Add ${host} to the Gateway's server hosts, or bind the VirtualService to the right Gateway.`,
              ...(istioctlAgrees ? {} : { istioctlCode: "stricter" }),
            });
          }
        });
      }
    }
    return findings;
  },
});
