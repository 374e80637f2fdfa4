import { defineResourcePolicy } from "../../lib/definePolicy";
import { ignoredNamespaces } from "../../lib/ignoredNamespaces";
import { servicePortProtocol } from "../../lib/portProtocol";
import { asArray, asRecord, asString } from "../../lib/values";

const gatewayControllers = ["istio.io-gateway-controller", "istio.io-mesh-controller", "istio.io-eastwest-controller"];

/** Service ports whose protocol Istio can tell (istioctl IST0118, IST0150 for ExternalName Services). */
export const requirePortProtocol = defineResourcePolicy({
  name: "istio-service-require-port-protocol",
  description:
    "Every port of a Service in the mesh names its protocol, as `appProtocol` or a port name `<protocol>[-<suffix>]` " +
    "(http, http2, https, grpc, grpc-web, tcp, tls, mongo, mysql, redis, udp); otherwise Istio sniffs or treats it as " +
    "TCP (istioctl IST0118; Kubernetes' own namespaces aside). An ExternalName Service's ports must name a protocol other than `tcp` (IST0150). " +
    "Name the port, e.g. `http-web`, or set appProtocol.",
  enforcementLevel: "advisory",
  severity: "low",
  kinds: ["Service"],
  check: (service) => {
    const labels = service.labels;
    if (ignoredNamespaces.has(service.namespace)) return [];
    if (labels.istio !== undefined || labels.release === "istio") return [];
    if (gatewayControllers.includes(labels["gateway.istio.io/managed"] ?? "")) return [];
    const externalName = asString(service.spec.type) === "ExternalName";
    return asArray(service.spec.ports).flatMap((entry, i) => {
      const port = asRecord(entry);
      const name = asString(port.name) ?? "";
      const number = typeof port.port === "number" ? port.port : 0;
      const protocol = servicePortProtocol(number, name, asString(port.protocol), asString(port.appProtocol));
      if (protocol !== undefined && !(externalName && name === "tcp")) return [];
      return [{
        path: `spec.ports[${i}].name`,
        found: name === "" ? undefined : name,
        expected: externalName
          ? "a port name or appProtocol naming an application protocol (an ExternalName Service's `tcp` ports are not forwarded correctly)"
          : "a port name `<protocol>[-<suffix>]` or an appProtocol Istio knows",
        fix: "Name the port after its protocol (http-…, grpc-…, tcp-…) or set appProtocol.",
        istioctlCode: externalName ? "IST0150" : "IST0118",
      }];
    });
  },
});
