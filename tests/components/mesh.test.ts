/**
 * The mesh resources of each stack file, rendered once per stack through the whole program: valid against the
 * v1 schemas and CEL rules, waiting for the control plane, and every reference resolving (namespaces, Gateways,
 * subsets, TLS secrets); then what the example stacks promise.
 */
import type { ProgramRun, Registration } from "../../scripts/offline/mockEngine";
import { loadIstioSchemas, validateIstioObject } from "../support/istioSchema";
import type { Loose } from "../support/meshRender";
import { releases, renderStack, stacks } from "../support/program";

const runs = new Map<string, ProgramRun>();

beforeAll(async () => {
  await loadIstioSchemas();
  for (const stack of stacks) runs.set(stack, await renderStack(stack));
});

function run(stack: string): ProgramRun {
  const found = runs.get(stack);
  if (!found) throw new Error(`stack ${stack} was not rendered`);
  return found;
}

const istioGroups = /^kubernetes:(networking|security)\.istio\.io\//;
const meta = (registration: Registration) => registration.inputs.metadata as { name: string; namespace: string };
const spec = (registration: Registration) => registration.inputs.spec as Loose;
const istio = (stack: string) => run(stack).registrations.filter((registration) => istioGroups.test(registration.type));
const ofKind = (stack: string, kind: string) => istio(stack).filter((registration) => registration.inputs.kind === kind);
const find = (stack: string, kind: string, namespace: string, name: string) => {
  const found = ofKind(stack, kind).find((registration) => meta(registration).namespace === namespace && meta(registration).name === name);
  if (!found) throw new Error(`stack ${stack} has no ${kind} ${namespace}/${name}`);
  return found;
};
const namespaceUrns = (stack: string) =>
  new Map(run(stack).registrations.filter((registration) => registration.type === "kubernetes:core/v1:Namespace").map((namespace) => [meta(namespace).name, namespace.urn]));

describe.each(stacks)("stack %s: mesh resources", (stack) => {
  test("every Istio resource is valid against its v1 schema (EnvoyFilter: v1alpha3) and the CRDs' CEL rules", () => {
    expect(istio(stack).length).toBeGreaterThanOrEqual(14);
    const problems = istio(stack).flatMap((registration) => validateIstioObject(registration.inputs).map((problem) => `${registration.name}: ${problem}`));
    expect(problems).toEqual([]);
  });

  test("every Istio resource waits for the istio-base and istiod releases and for the namespace it lives in, which the stack creates", () => {
    const helm = releases(run(stack));
    const namespaces = namespaceUrns(stack);
    for (const registration of istio(stack)) {
      expect(registration.dependsOn).toEqual(expect.arrayContaining([helm.get("istio-base")?.urn, helm.get("istiod")?.urn, namespaces.get(meta(registration).namespace)]));
      expect(namespaces.get(meta(registration).namespace)).toBeDefined();
    }
  });

  test("every Istio resource is the child of a mesh component", () => {
    const components = new Map(run(stack).registrations.map((registration) => [registration.urn, registration.type]));
    for (const registration of istio(stack)) expect(components.get(registration.parent ?? "")).toMatch(/^istio-mesh:mesh:/);
  });

  test("every subset a VirtualService names exists in the DestinationRule of that host, which the VirtualService waits for", () => {
    const rules = ofKind(stack, "DestinationRule");
    for (const vs of ofKind(stack, "VirtualService")) {
      const destinations = (spec(vs).http as Loose[]).flatMap((route) => route.route ?? []).map((entry) => entry.destination);
      for (const destination of destinations.filter((entry) => entry.subset !== undefined)) {
        const rule = rules.find((candidate) => meta(candidate).namespace === meta(vs).namespace && spec(candidate).host === destination.host);
        expect(rule).toBeDefined();
        expect(spec(rule as Registration).subsets.map((subset: Loose) => subset.name)).toContain(destination.subset);
        expect(vs.dependsOn).toContain(rule?.urn);
      }
    }
  });

  test("every Gateway a VirtualService names (namespace/name, or the reserved `mesh`) exists and serves each of its hosts", () => {
    for (const vs of ofKind(stack, "VirtualService").filter((candidate) => spec(candidate).gateways !== undefined)) {
      for (const reference of (spec(vs).gateways as string[]).filter((entry) => entry !== "mesh")) {
        expect(reference).toMatch(/^[a-z0-9-]+\/[a-z0-9-]+$/);
        const [namespace, name] = reference.split("/");
        const served = (spec(find(stack, "Gateway", namespace, name)).servers as Loose[]).flatMap((server) => server.hosts as string[]);
        for (const host of spec(vs).hosts as string[]) expect(served.some((entry) => entry === host || (entry.startsWith("*.") && host.endsWith(entry.slice(1))))).toBe(true);
      }
    }
  });

  test("every credentialName is written by a cert-manager Certificate in the gateway workload's namespace", () => {
    const secrets = new Set(
      run(stack)
        .registrations.filter((registration) => registration.inputs.kind === "Certificate" && String(registration.inputs.apiVersion).startsWith("cert-manager.io/"))
        .map((certificate) => `${meta(certificate).namespace}/${spec(certificate).secretName}`),
    );
    const gatewayNamespaces = new Map([...releases(run(stack)).values()].filter((release) => release.inputs.chart === "gateway").map((release) => [(release.inputs.values as Loose).labels?.istio, release.inputs.namespace]));
    const credentials = ofKind(stack, "Gateway").flatMap((gateway) =>
      (spec(gateway).servers as Loose[]).filter((server) => server.tls?.credentialName).map((server) => `${gatewayNamespaces.get(spec(gateway).selector.istio)}/${server.tls.credentialName}`),
    );
    expect(credentials.length).toBeGreaterThan(0);
    for (const credential of credentials) expect(secrets).toContain(credential);
  });

  test("each app namespace has PeerAuthentication default, the empty default-deny policy and a Sidecar", () => {
    const mode = stack === "dev" ? "PERMISSIVE" : "STRICT";
    expect(spec(find(stack, "PeerAuthentication", "shop", "default"))).toEqual({ mtls: { mode } });
    expect(spec(find(stack, "AuthorizationPolicy", "shop", "default-deny"))).toEqual({});
    const egressGatewayHosts = stack === "prod" ? ["istio-egress/*"] : [];
    expect(spec(find(stack, "Sidecar", "shop", "default")).egress[0].hosts).toEqual(["./*", "istio-system/*", "observability/*", "./api.stripe.com", ...egressGatewayHosts]);
  });

  test("the api: a 90/10 canary, an A/B route by header, timeout, retries and CORS, on the ingress host", () => {
    const routes = spec(find(stack, "VirtualService", "shop", "api-ingress")).http as Loose[];
    const primary = routes.find((route) => route.name === "primary");
    expect(primary.route.map((entry: Loose) => [entry.destination.subset, entry.weight])).toEqual([["stable", 90], ["canary", 10]]);
    const beta = routes.find((route) => route.name === "beta-testers");
    expect(beta.match[0].headers).toEqual({ "x-beta-tester": { exact: "true" } });
    expect(beta.route).toEqual([{ destination: { host: "api.shop.svc.cluster.local", subset: "canary", port: { number: 8080 } } }]);
    expect(primary).toMatchObject({ timeout: "30s", retries: { attempts: 3, perTryTimeout: "10s" } });
    expect(primary.corsPolicy.allowOrigins.length).toBeGreaterThan(0);
    expect(spec(find(stack, "DestinationRule", "shop", "api")).subsets.map((subset: Loose) => subset.name)).toEqual(["stable", "canary"]);
  });

  test("the api validates JWTs from an https jwksUri and its ALLOW rule requires a request principal", () => {
    const [rule] = spec(find(stack, "RequestAuthentication", "shop", "api-jwt")).jwtRules;
    expect(rule.jwksUri).toMatch(/^https:\/\//);
    const [allow] = spec(find(stack, "AuthorizationPolicy", "shop", "api")).rules;
    expect(allow.from[0].source).toEqual({ principals: ["cluster.local/ns/istio-ingress/sa/istio-ingressgateway"], requestPrincipals: [`${rule.issuer}/*`] });
  });

  test("the worker admits only the api's service account", () => {
    const policy = spec(find(stack, "AuthorizationPolicy", "shop", "worker"));
    expect(policy.selector).toEqual({ matchLabels: { app: "worker" } });
    expect((policy.rules as Loose[]).flatMap((rule) => rule.from.flatMap((from: Loose) => from.source.principals))).toEqual(["cluster.local/ns/shop/sa/api"]);
    expect(ofKind(stack, "VirtualService").filter((vs) => meta(vs).name.startsWith("worker") && spec(vs).gateways)).toEqual([]);
  });

  test("api.stripe.com is a MESH_EXTERNAL ServiceEntry reached over TLS (SIMPLE, SNI)", () => {
    expect(spec(find(stack, "ServiceEntry", "shop", "stripe"))).toMatchObject({ hosts: ["api.stripe.com"], location: "MESH_EXTERNAL", ports: [{ number: 80, protocol: "HTTP", targetPort: 443 }] });
    expect(spec(find(stack, "DestinationRule", "shop", "stripe")).trafficPolicy.tls).toMatchObject({ mode: "SIMPLE", sni: "api.stripe.com" });
  });

  test("prod sends api.stripe.com through the egress gateway, which originates the TLS; dev and staging call it directly", () => {
    const exportTo = spec(find(stack, "ServiceEntry", "shop", "stripe")).exportTo;
    const egressRoutes = ofKind(stack, "Gateway").filter((gateway) => meta(gateway).namespace === "istio-egress");
    if (stack !== "prod") {
      expect(exportTo).toEqual(["shop"]);
      expect(egressRoutes).toEqual([]);
      return;
    }
    expect(exportTo).toEqual(["shop", "istio-egress"]);
    expect(spec(find(stack, "DestinationRule", "shop", "stripe")).exportTo).toEqual(["shop", "istio-egress"]);
    const gateway = find(stack, "Gateway", "istio-egress", "shop-stripe-egress");
    expect(spec(gateway)).toEqual({ selector: { istio: "egressgateway" }, servers: [{ port: { number: 80, name: "http", protocol: "HTTP" }, hosts: ["api.stripe.com"] }] });
    const vs = find(stack, "VirtualService", "shop", "stripe-egress");
    expect(spec(vs).gateways).toEqual(["mesh", "istio-egress/shop-stripe-egress"]);
    expect((spec(vs).http as Loose[]).map((route) => [route.match[0].gateways, route.match[0].port, route.route[0].destination])).toEqual([
      [["mesh"], 80, { host: "istio-egressgateway.istio-egress.svc.cluster.local", port: { number: 80 } }],
      [["istio-egress/shop-stripe-egress"], 80, { host: "api.stripe.com", port: { number: 80 } }],
    ]);
    expect(vs.dependsOn).toEqual(expect.arrayContaining([gateway.urn, find(stack, "ServiceEntry", "shop", "stripe").urn, find(stack, "DestinationRule", "shop", "stripe").urn]));
    const egressGatewayRelease = releases(run(stack)).get("istio-egressgateway");
    expect(egressGatewayRelease?.inputs).toMatchObject({ namespace: "istio-egress", values: { labels: { istio: "egressgateway" } } });
  });

  test("the ingress gateway rate-limits locally, with a priority", () => {
    const filter = find(stack, "EnvoyFilter", "istio-ingress", "ingress-local-ratelimit");
    expect(filter.inputs.apiVersion).toBe("networking.istio.io/v1alpha3");
    expect(spec(filter).priority).toBeGreaterThan(0);
    expect(spec(filter).configPatches[0].patch.value.typed_config.value.token_bucket.max_tokens).toBeGreaterThan(0);
  });

  test("fault injection only in dev", () => {
    const faults = ofKind(stack, "VirtualService").flatMap((vs) => (spec(vs).http as Loose[]).filter((route) => route.fault !== undefined));
    if (stack === "dev") expect(faults.length).toBeGreaterThan(0);
    else expect(faults).toEqual([]);
  });

  test("Gateway hosts are exact names in prod, and servers terminate TLS 1.3", () => {
    for (const server of ofKind(stack, "Gateway").flatMap((gateway) => spec(gateway).servers as Loose[])) {
      if (stack === "prod") for (const host of server.hosts) expect(host).not.toContain("*");
      if (server.port.protocol === "HTTPS") expect(server.tls).toMatchObject({ mode: "SIMPLE", minProtocolVersion: "TLSV1_3" });
    }
  });
});
