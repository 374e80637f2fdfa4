/**
 * A generated config rendered both ways — the Istio ingress and the Gateway API ingress — through the program's pure
 * object builders, and as the stack of resources the policy pack sees (with the namespaces, istiod, the ingress
 * and egress gateway releases and the Certificates the program adds around them).
 */
import { type IstioObject, manifest } from "../../components/mesh/specs/common";
import { gatewayApiManifest, gatewayApiMeshConfig as meshConfigForIngress, type GatewayApiObject } from "../../components/mesh/specs/gatewayApi";
import type { ServiceObject } from "../../components/mesh/specs/httpRoute";
import { gatewayApiIngress } from "../../components/mesh/specs/meshObjects";
import { gatewayCredentialName } from "../../settings/certificateNames";
import { environmentDefaults } from "../../settings/environments";
import type { MeshSettings } from "../../settings/mesh";
import type { OfflineResource } from "../../policy-pack/offline";
import type { MeshConfig } from "../arbitraries/meshConfig";
import { renderMeshConfig } from "./meshRender";
import { certificate, gatewayRelease, istioResource, istiodRelease, namespace, gatewayApiObject } from "./meshFactories";

export interface GatewayApiRender {
  readonly mesh: MeshSettings;
  readonly istio: IstioObject[];
  readonly gatewayApi: GatewayApiObject[];
  readonly services: ServiceObject[];
}

/** The objects the Mesh component creates for a config whose `mesh.ingress.api` is gateway-api. */
export function renderGatewayApiConfig(config: MeshConfig): GatewayApiRender {
  const { mesh, objects } = renderMeshConfig(config);
  const { gatewayApi, services } = gatewayApiIngress(mesh, { namespaces: config.namespaces });
  return { mesh, istio: objects, gatewayApi, services };
}

const serviceResource = (object: ServiceObject): OfflineResource => {
  const name = `${object.namespace}-${object.name}`;
  return { type: "kubernetes:core/v1:Service", name, urn: `urn:pulumi:test::istio-mesh::kubernetes:core/v1:Service::${name}`, props: { apiVersion: "v1", kind: "Service", metadata: { name: object.name, namespace: object.namespace, labels: { ...object.labels } }, spec: object.spec }, dependencies: [] };
};

/** The whole stack the pack sees for a rendered config: what the program creates around the mesh objects, and those objects. */
export function gatewayApiStackResources(config: MeshConfig, render: GatewayApiRender): OfflineResource[] {
  const istiod = istiodRelease();
  const values = istiod.props.values as { meshConfig: Record<string, unknown> };
  Object.assign(values.meshConfig, meshConfigForIngress(render.mesh));
  return [
    // App namespaces are protected where the environment's default says so (prod), as the program creates them.
    ...config.namespaces.map((name) => ({ ...namespace(name), protect: environmentDefaults[config.environment].protectAppNamespaces })),
    namespace("istio-ingress"),
    namespace("istio-egress"),
    istiod,
    gatewayRelease(),
    gatewayRelease("istio-egressgateway", "istio-egress", "egressgateway"),
    ...render.mesh.ingress.hosts.map((host) => certificate("istio-ingress", gatewayCredentialName(host))),
    ...render.istio.map((object) => istioResource(object.kind, object.namespace, object.name, manifest(object).spec)),
    ...render.gatewayApi.map((object) => gatewayApiObject(object.kind, object.namespace, object.name, gatewayApiManifest(object).spec)),
    ...render.services.map(serviceResource),
  ];
}
