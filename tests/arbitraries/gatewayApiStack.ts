import fc from "fast-check";
import type { OfflineResource } from "../../policy-pack/offline";
import { type GatewayApiRender, gatewayApiStackResources, renderGatewayApiConfig } from "../support/gatewayApiRender";
import { sharedByValue } from "../support/sharedByValue";
import { gatewayApiMeshConfig } from "./gatewayApiMeshConfig";
import type { MeshConfig } from "./meshConfig";

export interface GeneratedGatewayApiStack {
  readonly render: GatewayApiRender;
  readonly resources: OfflineResource[];
  /** Its HTTPRoutes for services: engine name (`<namespace>-<name>`) and how violations name them. */
  readonly serviceRoutes: { readonly name: string; readonly label: string }[];
}

/** A generated Gateway API ingress stack with at least one exposed service (about two in three generated configs have one). */
export function gatewayApiStack(): fc.Arbitrary<GeneratedGatewayApiStack> {
  return gatewayApiMeshConfig()
    .filter((config) => ((config.mesh.services as { hosts?: string[] }[] | undefined) ?? []).some((service) => (service.hosts ?? []).length > 0))
    .map(renderStack);
}

/** Rendered once per config in a test file, for the properties that run on the same configs (`sameValuesRuns`). */
const renderStack = sharedByValue((config: MeshConfig): GeneratedGatewayApiStack => {
  const render = renderGatewayApiConfig(config);
  const serviceRoutes = render.gatewayApi
    .filter((object) => object.kind === "HTTPRoute" && object.namespace !== "istio-ingress")
    .map((object) => ({ name: `${object.namespace}-${object.name}`, label: `HTTPRoute ${object.namespace}/${object.name}` }));
  return { render, resources: gatewayApiStackResources(config, render), serviceRoutes };
});
