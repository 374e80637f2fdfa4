import { defineStackPolicy, StackFinding } from "../../lib/definePolicy";
import { resolvedDestinations, serviceRegistryKinds } from "../../lib/serviceRegistry";
import { isSet } from "../../lib/values";

/** A destination of a multi-port service says which port (istioctl IST0112). */
export const requireDestinationPort = defineStackPolicy({
  name: "istio-virtualservice-require-destination-port",
  description:
    "A route or mirror destination whose Service or ServiceEntry has several ports must set `port.number`; Istio " +
    "cannot tell which port is meant (istioctl IST0112). Set destination.port.number.",
  enforcementLevel: "mandatory",
  severity: "medium",
  kinds: ["VirtualService", ...serviceRegistryKinds],
  check: (inventory) =>
    resolvedDestinations(inventory).flatMap(({ virtualService, path, destination, service }): StackFinding[] =>
      service !== undefined && !isSet(destination.port) && service.ports.length > 1
        ? [{
            resource: virtualService,
            path: `${path}.port`,
            found: undefined,
            expected: `one of the ports of ${service.resource.kind} ${service.resource.namespace}/${service.resource.name}: ${service.ports.map((p) => p.number).join(", ")}`,
            fix: "Set destination.port.number.",
          }]
        : [],
    ),
});
