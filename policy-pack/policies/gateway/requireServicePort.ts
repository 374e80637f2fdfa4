import { defineStackPolicy, StackFinding } from "../../lib/definePolicy";
import { serverPort, servers } from "../../lib/gateway";
import { servicesOf, serviceSourceKinds } from "../../lib/services";
import { workloadIndex, workloadIndexKinds } from "../../lib/selectedWorkloads";
import { labelsMatch, selectorString } from "../../lib/workloads";
import { asStringMap } from "../../lib/values";

/** Gateway server ports the gateway's Service exposes (istioctl IST0162). */
export const requireServicePort = defineStackPolicy({
  name: "istio-gateway-require-service-port",
  description:
    "Each Gateway server port must be a TCP port (or target port) of the Service in front of the gateway pods it " +
    "selects; a port the Service does not expose is unreachable from outside (istioctl IST0162). Add the port to the " +
    "gateway's Service (`service.ports` of its Helm release) or use one it exposes.",
  enforcementLevel: "mandatory",
  severity: "medium",
  kinds: ["Gateway", "Service", ...new Set([...workloadIndexKinds, ...serviceSourceKinds])],
  check: (inventory) => {
    const workloads = workloadIndex(inventory);
    const services = servicesOf(inventory);
    const findings: StackFinding[] = [];
    for (const gateway of inventory.of("Gateway")) {
      const selector = asStringMap(gateway.spec.selector);
      const pods = workloads.matching(selector);
      if (pods.length === 0) continue;
      const exposed = new Set<number>();
      for (const pod of pods) {
        for (const service of services) {
          if (service.namespace !== pod.namespace || !labelsMatch(service.selector, pod.labels)) continue;
          for (const port of service.ports.filter((p) => p.protocol === "TCP")) {
            const target = typeof port.targetPort === "number" ? port.targetPort : Number(port.targetPort);
            exposed.add(port.port);
            if (Number.isInteger(target) && target > 0) exposed.add(target);
          }
        }
      }
      for (const { path, value } of servers(gateway.spec)) {
        const port = serverPort(value);
        if (port !== undefined && !exposed.has(port)) {
          findings.push({
            resource: gateway,
            path: `${path}.port.number`,
            found: port,
            expected: `a port the Service of the gateway pods (${selectorString(selector)}) exposes: ${[...exposed].sort((a, b) => a - b).join(", ") || "none"}`,
            fix: "Expose the port on the gateway's Service, or use a port it exposes.",
          });
        }
      }
    }
    return findings;
  },
});
