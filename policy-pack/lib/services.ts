/**
 * The Kubernetes Services of a stack: declared Services, the Service each Istio gateway Helm release renders
 * (its `service.ports`, chart defaults 15021/80/443, selecting the release's pods; none with `service.type: None`),
 * istiod's (`istiod`, or `istiod-<revision>`: ports 15010, 15012, 443 and 15014), and the API server's of an argo-cd
 * release (`<fullname>-server`, ports 80 and 443 to the container's 8080).
 */
import { argocdFullname, gatewayPodLabels, isArgocdRelease, isGatewayRelease, isIstiodRelease, releaseValues } from "./helmReleases";
import { Kind, MeshResource } from "./meshResource";
import { asArray, asRecord, asString, asStringMap, Json } from "./values";

export const serviceSourceKinds: readonly Kind[] = ["Service", "HelmRelease"];

export interface ServicePort {
  readonly name: string;
  readonly port: number;
  /** The target port as written (a number or a named container port), undefined when not set. */
  readonly targetPort: number | string | undefined;
  /** `TCP` when not set, as the API server defaults it. */
  readonly protocol: string;
  readonly appProtocol?: string;
}

/**
 * A Service labelled with this names the Service it is one version of (the Gateway API ingress routes to such
 * versions). That Service belongs to whoever deploys the app, so the namespace's Services are not all in the stack.
 */
export const versionOfLabel = "istio-mesh.io/version-of";

export interface ServiceView {
  readonly resource: MeshResource;
  readonly namespace: string;
  readonly name: string;
  readonly selector: Record<string, string>;
  readonly ports: readonly ServicePort[];
  readonly type: string;
  readonly annotations: Record<string, string>;
  /** The Service this one is a version of (`versionOfLabel`), which another stack declares. */
  readonly versionOf?: string;
}

function portsOf(entries: unknown): ServicePort[] {
  return asArray(entries).map((entry) => {
    const port = asRecord(entry);
    const target = port.targetPort;
    return {
      name: asString(port.name) ?? "",
      port: typeof port.port === "number" ? port.port : Number(port.port),
      targetPort: typeof target === "number" || typeof target === "string" ? target : undefined,
      protocol: asString(port.protocol) ?? "TCP",
      appProtocol: asString(port.appProtocol),
    };
  });
}

const defaultGatewayPorts: Json[] = [
  { name: "status-port", port: 15021, protocol: "TCP", targetPort: 15021 },
  { name: "http2", port: 80, protocol: "TCP", targetPort: 80 },
  { name: "https", port: 443, protocol: "TCP", targetPort: 443 },
];

function gatewayService(release: MeshResource): ServiceView[] {
  const service = asRecord(releaseValues(release).service);
  if (asString(service.type) === "None") return [];
  const labels = gatewayPodLabels(release);
  return [{
    resource: release,
    namespace: release.namespace,
    name: asString(releaseValues(release).name) ?? release.name,
    selector: { app: labels.app, istio: labels.istio },
    ports: portsOf(Array.isArray(service.ports) ? service.ports : defaultGatewayPorts),
    type: asString(service.type) ?? "LoadBalancer",
    annotations: {},
  }];
}

function istiodService(release: MeshResource): ServiceView {
  const revision = asString(releaseValues(release).revision);
  const port = (name: string, number: number, target: number) => ({ name, port: number, protocol: "TCP", targetPort: target });
  return {
    resource: release,
    namespace: release.namespace,
    name: revision ? `istiod-${revision}` : "istiod",
    selector: { app: "istiod", "istio.io/rev": revision || "default" },
    ports: [port("grpc-xds", 15010, 15010), port("https-dns", 15012, 15012), port("https-webhook", 443, 15017), port("http-monitoring", 15014, 15014)],
    type: "ClusterIP",
    annotations: {},
  };
}

function argocdServerService(release: MeshResource): ServiceView {
  const service = asRecord(asRecord(releaseValues(release).server).service);
  const name = `${argocdFullname(release)}-server`;
  const port = (portName: string, number: number) => ({ name: portName, port: number, protocol: "TCP", targetPort: "server" });
  return {
    resource: release,
    namespace: release.namespace,
    name,
    selector: { "app.kubernetes.io/name": name },
    ports: [port(asString(service.servicePortHttpName) ?? "http", Number(service.servicePortHttp ?? 80)), port(asString(service.servicePortHttpsName) ?? "https", Number(service.servicePortHttps ?? 443))],
    type: asString(service.type) ?? "ClusterIP",
    annotations: {},
  };
}

export function servicesOf(resources: { of(kind: Kind): readonly MeshResource[] }): ServiceView[] {
  return [
    ...resources.of("Service").map((service) => ({
      resource: service,
      namespace: service.namespace,
      name: service.name,
      selector: asStringMap(service.spec.selector),
      ports: portsOf(service.spec.ports),
      type: asString(service.spec.type) ?? "ClusterIP",
      annotations: asStringMap(asRecord(service.props.metadata).annotations),
      versionOf: asStringMap(asRecord(service.props.metadata).labels)[versionOfLabel],
    })),
    ...resources.of("HelmRelease").filter(isGatewayRelease).flatMap(gatewayService),
    ...resources.of("HelmRelease").filter(isIstiodRelease).map(istiodService),
    ...resources.of("HelmRelease").filter(isArgocdRelease).map(argocdServerService),
  ];
}
