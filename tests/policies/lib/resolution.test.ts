import fc from "fast-check";
import { exportScopes, ScopedIndex } from "../../../policy-pack/lib/exportScopes";
import { credentialSecret } from "../../../policy-pack/lib/gateway";
import { hostsMatch } from "../../../policy-pack/lib/hosts";
import { gatewayKey } from "../../../policy-pack/lib/virtualService";
import { dnsName } from "../../arbitraries/dnsName";
import { kubernetesName } from "../../arbitraries/kubernetesName";
import { propertyRuns } from "../../arbitraries/runs";

describe("name resolution helpers", () => {
  it.each([
    ["bare name", "edge", "shop", "shop/edge"],
    ["namespace/name", "istio-ingress/edge", "shop", "istio-ingress/edge"],
    ["./name", "./edge", "shop", "shop/edge"],
    ["legacy name.namespace", "edge.istio-ingress", "shop", "istio-ingress/edge"],
    ["legacy FQDN", "edge.istio-ingress.svc.cluster.local", "shop", "istio-ingress/edge"],
  ])("resolves a gateway reference given as %s", (_form, reference, namespace, key) => expect(gatewayKey(reference, namespace)).toBe(key));

  it.each([
    ["shop-tls", { namespace: "istio-ingress", name: "shop-tls" }],
    ["istio-ingress/shop-tls", { namespace: "istio-ingress", name: "shop-tls" }],
    ["kubernetes://shop-tls", { namespace: "istio-ingress", name: "shop-tls" }],
    ["kubernetes://certs/shop-tls", { namespace: "certs", name: "shop-tls" }],
    ["kubernetes-gateway://certs/shop-tls", { namespace: "certs", name: "shop-tls" }],
    ["builtin://", undefined],
  ])("reads credential %s from the right namespace", (credential, secret) => expect(credentialSecret(credential, "istio-ingress")).toEqual(secret));

  it("scopes exportTo as istioctl does", () => {
    expect(exportScopes(undefined, "shop")).toEqual(["*"]);
    expect(exportScopes([".", "*"], "shop")).toEqual(["*"]);
    expect(exportScopes([".", "frontend"], "shop")).toEqual(["shop", "frontend"]);
    expect(exportScopes(["~"], "shop")).toEqual([]);
  });

  it("matches hosts symmetrically, like Istio's host.Name.Matches", () => {
    fc.assert(fc.property(dnsName(), dnsName(), (a, b) => hostsMatch(a, b) === hostsMatch(b, a)), propertyRuns);
    fc.assert(fc.property(dnsName(), (host) => hostsMatch(`*.${host}`, `www.${host}`) && hostsMatch(`www.${host}`, `*.${host}`)), propertyRuns);
  });

  it("never finds a claim from a disjoint namespace scope, and always from a shared or global one", () => {
    fc.assert(
      fc.property(dnsName(), kubernetesName(), kubernetesName(), (host, a, b) => {
        fc.pre(a !== b);
        const index = new ScopedIndex<string>((owner) => owner);
        index.add(host, [a], "first");
        const other = (owner: string) => owner !== "second";
        return index.find(host, [b], other) === undefined && index.find(host, [a], other) === "first" && index.find(host, ["*"], other) === "first";
      }),
      propertyRuns,
    );
  });
});
