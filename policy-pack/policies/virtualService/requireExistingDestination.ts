import { defineStackPolicy, StackFinding } from "../../lib/definePolicy";
import { serviceRegistry, serviceRegistryKinds } from "../../lib/serviceRegistry";
import { asRecord, asString, asStringArray } from "../../lib/values";
import { destinations, mirrorDestinations } from "../../lib/virtualService";

/** Route and mirror destinations name a Service or ServiceEntry host, and a port it has (istioctl IST0101). */
export const requireExistingDestination = defineStackPolicy({
  name: "istio-virtualservice-require-existing-destination",
  description:
    "Every route and mirror destination of a VirtualService must name a host a Kubernetes Service or ServiceEntry of " +
    "the stack provides to the VirtualService's namespace, and a `port.number` that service has; otherwise requests " +
    "fail with 503 (istioctl IST0101). Fix the host or port, or declare the Service or ServiceEntry.",
  enforcementLevel: "mandatory",
  severity: "high",
  kinds: ["VirtualService", ...serviceRegistryKinds],
  check: (inventory) => {
    const registry = serviceRegistry(inventory);
    const findings: StackFinding[] = [];
    for (const virtualService of inventory.of("VirtualService")) {
      const exportTo = asStringArray(virtualService.spec.exportTo);
      for (const { path, value } of [...destinations(virtualService.spec), ...mirrorDestinations(virtualService.spec)]) {
        const host = asString(value.host) ?? "";
        if (!registry.owns(virtualService.namespace, host)) continue;
        const service = registry.lookup(virtualService.namespace, exportTo, host);
        if (service === undefined) {
          findings.push({ resource: virtualService, path: `${path}.host`, found: host, expected: "a host a Service or ServiceEntry of the stack provides to this namespace", fix: "Fix the host, or declare its Service or ServiceEntry." });
          continue;
        }
        const port = asRecord(value.port).number;
        if (typeof port === "number" && !service.ports.some((candidate) => candidate.number === port)) {
          findings.push({
            resource: virtualService,
            path: `${path}.port.number`,
            found: port,
            expected: `a port of ${service.resource.kind} ${service.resource.namespace}/${service.resource.name}: ${service.ports.map((p) => p.number).join(", ") || "none"}`,
            fix: "Use a port the destination service declares.",
          });
        }
      }
    }
    return findings;
  },
});
