import { missingNamespaces } from "../../../components/mesh/mesh";
import { duplicateObjects } from "../../../components/mesh/specs/meshObjects";
import { meshEgressArgsProblems } from "../../../components/mesh/meshEgress";
import { meshServiceArgsProblems } from "../../../components/mesh/meshService";
import { meshSettings } from "../../support/meshRender";

const mesh = meshSettings({
  ingress: { hosts: ["api.example.com"] },
  services: [{ name: "api", namespace: "shop", hosts: ["api.example.com"] }],
  externals: [{ name: "stripe", namespace: "shop", hosts: ["api.stripe.com"] }],
});

describe("argument checks of the mesh components", () => {
  test("a service with ingress hosts needs the ingress Gateway to bind them to", () => {
    expect(meshServiceArgsProblems({ service: mesh.services[0] })).toEqual(["service shop/api has ingress hosts api.example.com but no ingress Gateway was given"]);
    expect(meshServiceArgsProblems({ service: mesh.services[0], ingressGateway: { reference: "istio-ingress/ingress", resource: {} as never } })).toEqual([]);
  });

  test("an external through the egress gateway needs the gateway's namespace for its Gateway and the gateway's DestinationRule for its subsets", () => {
    const external = { ...mesh.externals[0], viaEgressGateway: true };
    const namespace = {} as never;
    const authorizationPolicy = {} as never;
    expect(meshEgressArgsProblems({ external })).toEqual(["external shop/stripe goes through the egress gateway but no egress gateway namespace was given"]);
    expect(meshEgressArgsProblems({ external, egressGateway: { namespace, authorizationPolicy } })).toEqual([
      "external shop/stripe goes through the egress gateway but no egress gateway DestinationRule was given",
    ]);
    expect(meshEgressArgsProblems({ external, egressGateway: { namespace, authorizationPolicy, destinationRule: {} as never } })).toEqual([]);
    expect(meshEgressArgsProblems({ external: mesh.externals[0] })).toEqual([]);
  });

  test("every namespace a service or external uses must be among the app namespaces given", () => {
    expect(missingNamespaces({ mesh, namespaces: {} })).toEqual(["shop"]);
    expect(missingNamespaces({ mesh, namespaces: { shop: {} as never } })).toEqual([]);
  });

  test("objects sharing kind, namespace and name are reported once per repeat", () => {
    const object = { kind: "VirtualService" as const, name: "api-ingress", namespace: "shop", spec: {} };
    expect(duplicateObjects([object, { ...object, kind: "DestinationRule" }, object])).toEqual(["VirtualService shop/api-ingress"]);
  });
});
