import { defineStackPolicy, StackFinding } from "../../lib/definePolicy";
import { coveringWildcards, hostsMatch, qualifyHost } from "../../lib/hosts";
import { describeResource, MeshResource } from "../../lib/meshResource";
import { asStringArray } from "../../lib/values";
import { hostsOf, isMeshBound } from "../../lib/virtualService";

/**
 * The namespaces a VirtualService is visible in: `*` for all (no exportTo, or `*` among them); `~` hides it from
 * every namespace, so it meets no other (istioctl counts `~` as a namespace of that name).
 */
function visibility(virtualService: MeshResource): string[] {
  const exportTo = asStringArray(virtualService.spec.exportTo);
  if (exportTo.length === 0 || exportTo.includes("*")) return ["*"];
  return [...new Set(exportTo.filter((scope) => scope !== "~").map((scope) => (scope === "." ? virtualService.namespace : scope)))];
}

/**
 * One mesh-bound VirtualService per host among the namespaces that see it (istioctl IST0109): VirtualServices
 * exported to one namespace meet those exported everywhere whose host matches (wildcards included).
 */
export const forbidConflictingMeshHosts = defineStackPolicy({
  name: "istio-virtualservice-forbid-conflicting-mesh-hosts",
  description:
    "VirtualServices bound to the `mesh` gateway (explicitly or by omitting gateways) must not claim the same " +
    "host where their `exportTo` scopes meet: sidecars pick one arbitrarily (istioctl IST0109). Merge their routes " +
    "into one VirtualService per host.",
  enforcementLevel: "mandatory",
  severity: "high",
  kinds: ["VirtualService"],
  check: (inventory) => {
    const claims = new Map<string, Array<{ virtualService: MeshResource; path: string; host: string }>>();
    for (const virtualService of inventory.of("VirtualService")) {
      if (!isMeshBound(virtualService.spec)) continue;
      for (const scope of visibility(virtualService)) {
        hostsOf(virtualService.spec).forEach((host, i) => {
          const key = `${scope}/${qualifyHost(host, virtualService.namespace)}`;
          claims.set(key, [...(claims.get(key) ?? []), { virtualService, path: `spec.hosts[${i}]`, host }]);
        });
      }
    }
    const everywhere = (fqdn: string) => {
      const candidates = [fqdn, ...coveringWildcards(fqdn)].flatMap((host) => claims.get(`*/${host}`) ?? []);
      const covered = fqdn.startsWith("*")
        ? [...claims.entries()].filter(([key]) => key.startsWith("*/") && key.slice(2) !== fqdn && hostsMatch(fqdn, key.slice(2)) && !coveringWildcards(fqdn).includes(key.slice(2))).flatMap(([, list]) => list)
        : [];
      return [...candidates, ...covered];
    };
    const findings = new Map<string, StackFinding>();
    for (const [key, group] of claims) {
      const slash = key.indexOf("/");
      const scope = key.slice(0, slash);
      const fqdn = key.slice(slash + 1);
      const members = scope === "*" ? group : [...group, ...everywhere(fqdn)];
      if (members.length < 2) continue;
      for (const member of members) {
        const others = [...new Set(members.filter((other) => other.virtualService !== member.virtualService).map((other) => describeResource(other.virtualService)))];
        findings.set(member.virtualService.urn, {
          resource: member.virtualService,
          path: member.path,
          found: member.host,
          expected: `a host no other mesh VirtualService claims (${others.join(", ") || "this VirtualService lists it twice"} also ${others.length > 1 ? "route" : "routes"} ${fqdn}${scope === "*" ? "" : ` for namespace ${scope}`})`,
          fix: "Move these routes into the VirtualService that already owns the host, or narrow exportTo.",
        });
      }
    }
    return [...findings.values()];
  },
});
