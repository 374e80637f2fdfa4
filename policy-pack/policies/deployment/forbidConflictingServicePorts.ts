import { defineStackPolicy, StackFinding } from "../../lib/definePolicy";
import { servicesOf, ServiceView } from "../../lib/services";
import { asStringMap } from "../../lib/values";
import { inMesh, labelsMatch, podTemplateOf } from "../../lib/workloads";

/**
 * The Services that select a Deployment's pods agree on each port: one protocol per port (istioctl IST0116) and one
 * port per target port (IST0137). Istio builds one inbound listener per pod port, so a disagreement breaks one of them.
 */
export const forbidConflictingServicePorts = defineStackPolicy({
  name: "istio-deployment-forbid-conflicting-service-ports",
  description:
    "The Services selecting a mesh Deployment's pods must not use one port with different protocols (istioctl " +
    "IST0116) nor one target port under different service ports (IST0137): the sidecar has one inbound listener per " +
    "pod port. Make the Services agree, or merge them.",
  enforcementLevel: "mandatory",
  severity: "medium",
  kinds: ["Deployment", "Service", "Namespace"],
  check: (inventory) => {
    const services = servicesOf(inventory);
    const namespaceLabels = new Map(inventory.of("Namespace").map((namespace) => [namespace.name, namespace.labels]));
    const findings: StackFinding[] = [];
    for (const deployment of inventory.of("Deployment")) {
      if (deployment.labels["gateway.istio.io/managed"] === "istio.io-mesh-controller") continue;
      const { metadata, spec } = podTemplateOf(deployment);
      const labels = asStringMap(metadata.labels);
      const workload = { resource: deployment, namespace: deployment.namespace, labels, annotations: asStringMap(metadata.annotations), podSpec: spec };
      if (!inMesh(workload, (namespace) => namespaceLabels.get(namespace))) continue;
      const selecting = services.filter((service: ServiceView) => service.resource.kind === "Service" && service.namespace === deployment.namespace && Object.keys(service.selector).length > 0 && labelsMatch(service.selector, labels));
      const protocols = new Map<number, Map<string, string[]>>();
      const targets = new Map<string, Map<number, string>>();
      for (const service of selecting) {
        const name = `${service.namespace}/${service.name}`;
        for (const port of service.ports) {
          const byProtocol = protocols.get(port.port) ?? new Map<string, string[]>();
          byProtocol.set(port.protocol, [...(byProtocol.get(port.protocol) ?? []), name]);
          protocols.set(port.port, byProtocol);
          const target = port.targetPort === undefined || port.targetPort === 0 || port.targetPort === "" ? String(port.port) : String(port.targetPort);
          const byPort = targets.get(target) ?? new Map<number, string>();
          byPort.set(port.port, name);
          targets.set(target, byPort);
        }
      }
      for (const [port, byProtocol] of protocols) {
        if (byProtocol.size > 1) {
          findings.push({ resource: deployment, path: "metadata.name", found: [...byProtocol.keys()], expected: `one protocol for port ${port} across the Services selecting it (${[...byProtocol.values()].flat().sort().join(", ")})`, fix: "Use one protocol per port across the Services.", istioctlCode: "IST0116" });
        }
      }
      for (const [target, byPort] of targets) {
        if (byPort.size > 1) {
          findings.push({ resource: deployment, path: "metadata.name", found: [...byPort.keys()].sort((a, b) => a - b), expected: `one service port for target port ${target} across the Services selecting it (${[...new Set(byPort.values())].sort().join(", ")})`, fix: "Expose each container port under one service port.", istioctlCode: "IST0137" });
        }
      }
    }
    return findings;
  },
});
