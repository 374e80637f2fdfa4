import { defineStackPolicy, StackFinding } from "../../lib/definePolicy";
import { resolvedDestinations, serviceRegistryKinds } from "../../lib/serviceRegistry";
import { asRecord } from "../../lib/values";

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
  check: (inventory) =>
    resolvedDestinations(inventory).flatMap(({ virtualService, path, destination, host, service }): StackFinding[] => {
      if (service === undefined) {
        return [{ resource: virtualService, path: `${path}.host`, found: host, expected: "a host a Service or ServiceEntry of the stack provides to this namespace", fix: "Fix the host, or declare its Service or ServiceEntry." }];
      }
      const port = asRecord(destination.port).number;
      if (typeof port !== "number" || service.ports.some((candidate) => candidate.number === port)) return [];
      return [{
        resource: virtualService,
        path: `${path}.port.number`,
        found: port,
        expected: `a port of ${service.resource.kind} ${service.resource.namespace}/${service.resource.name}: ${service.ports.map((p) => p.number).join(", ") || "none"}`,
        fix: "Use a port the destination service declares.",
      }];
    }),
});
