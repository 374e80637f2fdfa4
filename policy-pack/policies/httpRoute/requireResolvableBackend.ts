import { defineStackPolicy, type MeshInventory, StackFinding } from "../../lib/definePolicy";
import { backendRefs } from "../../lib/gatewayApi";
import { qualifyHost } from "../../lib/hosts";
import { ports } from "../../lib/serviceEntry";
import { servicesOf, serviceSourceKinds } from "../../lib/services";
import { asRecord, asStringArray } from "../../lib/values";
import { destinationHost, destinations } from "../../lib/virtualService";

/**
 * Ports each host serves, from what the stack declares: Services (its own and those its Helm releases render),
 * ServiceEntries and the mesh services its VirtualServices route to.
 */
function knownPorts(inventory: MeshInventory): Map<string, Set<number>> {
  const known = new Map<string, Set<number>>();
  const add = (host: string, port: unknown) => {
    const set = known.get(host) ?? new Set<number>();
    if (typeof port === "number") set.add(port);
    known.set(host, set);
  };
  for (const service of servicesOf(inventory)) {
    const host = qualifyHost(service.name, service.namespace);
    add(host, undefined);
    service.ports.forEach((port) => add(host, port.port));
  }
  for (const entry of inventory.of("ServiceEntry")) {
    for (const host of asStringArray(entry.spec.hosts)) ports(entry.spec).forEach(({ value }) => add(host, value.number));
  }
  for (const virtualService of inventory.of("VirtualService")) {
    for (const { value } of destinations(virtualService.spec)) {
      const host = destinationHost(value);
      if (host !== undefined) add(qualifyHost(host, virtualService.namespace), asRecord(value.port).number);
    }
  }
  return known;
}

/** Every backendRef of an HTTPRoute resolves to a Service or ServiceEntry host with the port (istioctl IST0101, Kiali KIA1402). */
export const requireResolvableBackend = defineStackPolicy({
  name: "istio-httproute-require-resolvable-backend",
  description:
    "Every backendRef of an HTTPRoute must name a Service (core, kind Service) or an Istio host (networking.istio.io, kind Hostname) " +
    "that the stack declares (a Service, a ServiceEntry, or a mesh service its VirtualServices route to) and a port it serves; " +
    "otherwise Istio answers 500 for that backend's share (BackendNotFound). Fix the name, namespace or port.",
  enforcementLevel: "mandatory",
  severity: "high",
  kinds: ["HTTPRoute", ...serviceSourceKinds, "ServiceEntry", "VirtualService"],
  check: (inventory) => {
    const known = knownPorts(inventory);
    const findings: StackFinding[] = [];
    for (const route of inventory.of("HTTPRoute")) {
      for (const { path, value: ref } of backendRefs(route)) {
        const isService = ref.group === "" && ref.kind === "Service";
        const isHostname = ref.group === "networking.istio.io" && ref.kind === "Hostname";
        if (!isService && !isHostname) {
          findings.push({ resource: route, path: `${path}.kind`, found: `${ref.group}/${ref.kind}`, expected: "a core Service or an Istio Hostname", fix: "Route to a Service or an Istio host." });
          continue;
        }
        const host = isService ? qualifyHost(ref.name, ref.namespace) : ref.name;
        const served = known.get(host);
        if (served === undefined) {
          findings.push({ resource: route, path: `${path}.name`, found: ref.name, expected: `a ${isService ? `Service in namespace ${ref.namespace}` : "ServiceEntry host"} the stack declares (no ${host})`, fix: "Name a declared Service or host." });
        } else if (ref.port === undefined || !served.has(ref.port)) {
          findings.push({ resource: route, path: `${path}.port`, found: ref.port, expected: `a port ${host} serves (${[...served].join(", ") || "none known"})`, fix: "Use one of the backend's ports." });
        }
      }
    }
    return findings;
  },
});
