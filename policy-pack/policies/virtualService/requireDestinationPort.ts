import { defineStackPolicy, StackFinding } from "../../lib/definePolicy";
import { serviceRegistry, serviceRegistryKinds } from "../../lib/serviceRegistry";
import { asRecord, asString, asStringArray, isSet } from "../../lib/values";
import { destinations, mirrorDestinations } from "../../lib/virtualService";

/** A destination of a multi-port service says which port (istioctl IST0112). */
export const requireDestinationPort = defineStackPolicy({
  name: "istio-virtualservice-require-destination-port",
  description:
    "A route or mirror destination whose Service or ServiceEntry has several ports must set `port.number`; Istio " +
    "cannot tell which port is meant (istioctl IST0112). Set destination.port.number.",
  enforcementLevel: "mandatory",
  severity: "medium",
  kinds: ["VirtualService", ...serviceRegistryKinds],
  check: (inventory) => {
    const registry = serviceRegistry(inventory);
    const findings: StackFinding[] = [];
    for (const virtualService of inventory.of("VirtualService")) {
      const exportTo = asStringArray(virtualService.spec.exportTo);
      for (const { path, value } of [...destinations(virtualService.spec), ...mirrorDestinations(virtualService.spec)]) {
        const service = registry.lookup(virtualService.namespace, exportTo, asString(value.host) ?? "");
        if (service !== undefined && !isSet(asRecord(value.port).number) && !isSet(value.port) && service.ports.length > 1) {
          findings.push({
            resource: virtualService,
            path: `${path}.port`,
            found: undefined,
            expected: `one of the ports of ${service.resource.kind} ${service.resource.namespace}/${service.resource.name}: ${service.ports.map((p) => p.number).join(", ")}`,
            fix: "Set destination.port.number.",
          });
        }
      }
    }
    return findings;
  },
});
