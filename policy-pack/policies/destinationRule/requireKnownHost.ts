import { defineStackPolicy, StackFinding } from "../../lib/definePolicy";
import { serviceRegistry, serviceRegistryKinds } from "../../lib/serviceRegistry";
import { asString, asStringArray } from "../../lib/values";

/** A DestinationRule's host is a Service or ServiceEntry host of the stack (istioctl IST0174). */
export const requireKnownHost = defineStackPolicy({
  name: "istio-destinationrule-require-known-host",
  description:
    "A DestinationRule's `host` must be a host a Kubernetes Service or ServiceEntry of the stack provides to its " +
    "namespace; otherwise its traffic policy applies to nothing (istioctl IST0174). Fix the host, or declare the " +
    "Service or ServiceEntry.",
  enforcementLevel: "advisory",
  severity: "medium",
  kinds: ["DestinationRule", ...serviceRegistryKinds],
  check: (inventory) => {
    const registry = serviceRegistry(inventory);
    return inventory.of("DestinationRule").flatMap((rule): StackFinding[] => {
      const host = asString(rule.spec.host) ?? "";
      return registry.owns(rule.namespace, host) && registry.lookup(rule.namespace, asStringArray(rule.spec.exportTo), host) === undefined
        ? [{ resource: rule, path: "spec.host", found: host, expected: "a host a Service or ServiceEntry of the stack provides to this namespace", fix: "Fix the host, or declare its Service or ServiceEntry." }]
        : [];
    });
  },
});
