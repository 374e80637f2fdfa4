/**
 * The mesh resources of each stack file, rendered once per stack through the whole program: valid against the
 * v1 schemas and CEL rules, waiting for the control plane, and every reference resolving (namespaces, Gateways,
 * subsets, TLS secrets); then what the example stacks promise.
 */
import type { ProgramRun, Registration } from "../../../scripts/offline/mockEngine";
import { loadIstioSchemas, validateIstioObject } from "../../support/istioSchema";
import type { Loose } from "../../support/meshRender";
import { renderWithConfig } from "../../support/program";
import { stacks } from "../../support/project";
import { releases } from "../../support/registrations";
import { renderedStack } from "../../support/renderedStacks";

const runs = new Map<string, ProgramRun>();

beforeAll(async () => {
  await loadIstioSchemas();
  for (const stack of stacks) runs.set(stack, await renderedStack(stack));
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
const gatewayApiGateways = (stack: string) => run(stack).registrations.filter((registration) => registration.type === "kubernetes:gateway.networking.k8s.io/v1:Gateway");

/** staging's ingress is the Gateway API's: the same promises, in an HTTPRoute weighting per-version Services. */
function expectGatewayApiRoutes(): void {
  const route = run("staging").registrations.find((registration) => registration.type === "kubernetes:gateway.networking.k8s.io/v1:HTTPRoute" && meta(registration).name === "api-ingress");
  const rules = spec(route as Registration).rules as Loose[];
  const primary = rules.find((rule) => rule.name === "primary");
  expect(primary.backendRefs.map((ref: Loose) => [ref.name, ref.weight])).toEqual([["api-stable", 90], ["api-canary", 10]]);
  const beta = rules.find((rule) => rule.name === "beta-testers");
  expect(beta.matches[0].headers).toEqual([{ name: "x-beta-tester", type: "Exact", value: "true" }]);
  expect(beta.backendRefs).toEqual([{ group: "", kind: "Service", name: "api-canary", port: 8080 }]);
  expect(primary).toMatchObject({ timeouts: { request: "30s" }, filters: [{ type: "CORS", cors: { allowOrigins: ["https://app.staging.example.com"] } }] });
  const istiod = releases(run("staging")).get("istiod");
  expect((istiod?.inputs.values as Loose).meshConfig.defaultHttpRetryPolicy).toEqual({ attempts: 2, perTryTimeout: "10s", retryOn: "connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes,503" });
  expect(spec(find("staging", "DestinationRule", "shop", "api")).subsets.map((subset: Loose) => subset.name)).toEqual(["stable", "canary"]);
}

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

  test("every Istio resource is the child of a mesh component (or of Argo CD, for its own namespace)", () => {
    const components = new Map(run(stack).registrations.map((registration) => [registration.urn, registration.type]));
    for (const registration of istio(stack)) expect(components.get(registration.parent ?? "")).toMatch(/^istio-mesh:(mesh|argocd):/);
  });

  test("every subset a VirtualService names exists in the DestinationRule its sidecars use for that host, which the VirtualService waits for", () => {
    const rules = ofKind(stack, "DestinationRule");
    // As istiod looks one up: a rule in the caller's namespace, else one the destination's namespace exports to it.
    const ruleFor = (namespace: string, host: string) =>
      rules.find((candidate) => meta(candidate).namespace === namespace && spec(candidate).host === host) ??
      rules.find((candidate) => spec(candidate).host === host && host.endsWith(`.${meta(candidate).namespace}.svc.cluster.local`) && (spec(candidate).exportTo ?? []).includes(namespace));
    for (const vs of ofKind(stack, "VirtualService")) {
      const destinations = (spec(vs).http as Loose[]).flatMap((route) => route.route ?? []).map((entry) => entry.destination);
      for (const destination of destinations.filter((entry) => entry.subset !== undefined)) {
        const rule = ruleFor(meta(vs).namespace, destination.host);
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
    // The Gateway API ingress (staging) names its Secrets in certificateRefs, in the Gateway's own namespace.
    const certificateRefs = gatewayApiGateways(stack).flatMap((gateway) =>
      (spec(gateway).listeners as Loose[]).flatMap((listener) => (listener.tls?.certificateRefs ?? []).map((ref: Loose) => `${ref.namespace ?? meta(gateway).namespace}/${ref.name}`)),
    );
    credentials.push(...certificateRefs);
    expect(credentials.length).toBeGreaterThan(0);
    for (const credential of credentials) expect(secrets).toContain(credential);
  });

  test("each app namespace has PeerAuthentication default, the empty default-deny policy and a Sidecar", () => {
    const mode = stack === "dev" ? "PERMISSIVE" : "STRICT";
    expect(spec(find(stack, "PeerAuthentication", "shop", "default"))).toEqual({ mtls: { mode } });
    expect(spec(find(stack, "AuthorizationPolicy", "shop", "default-deny"))).toEqual({});
    const egressGatewayHosts = stack === "prod" ? ["istio-egress/istio-egressgateway.istio-egress.svc.cluster.local"] : [];
    expect(spec(find(stack, "Sidecar", "shop", "default")).egress[0].hosts).toEqual([
      "./*",
      "istio-system/*",
      "observability/*",
      "kube-system/kube-dns.kube-system.svc.cluster.local",
      ...egressGatewayHosts,
    ]);
  });

  test("the api: a 90/10 canary, an A/B route by header, timeout, retries and CORS, on the ingress host", () => {
    if (stack === "staging") return expectGatewayApiRoutes();
    const routes = spec(find(stack, "VirtualService", "shop", "api-ingress")).http as Loose[];
    const primary = routes.find((route) => route.name === "primary");
    expect(primary.route.map((entry: Loose) => [entry.destination.subset, entry.weight])).toEqual([["stable", 90], ["canary", 10]]);
    const beta = routes.find((route) => route.name === "beta-testers");
    expect(beta.match[0].headers).toEqual({ "x-beta-tester": { exact: "true" } });
    expect(beta.route).toEqual([{ destination: { host: "api.shop.svc.cluster.local", subset: "canary", port: { number: 8080 } } }]);
    // Istio's retry conditions (the api takes POSTs: no 5xx), and three tries of 10s fit in the 30s timeout.
    expect(primary).toMatchObject({ timeout: "30s", retries: { attempts: 2, perTryTimeout: "10s", retryOn: "connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes,503" } });
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

  test("api.stripe.com is a MESH_EXTERNAL ServiceEntry reached over TLS (SIMPLE, SNI) originated on its HTTP port only", () => {
    expect(spec(find(stack, "ServiceEntry", "shop", "stripe"))).toMatchObject({ hosts: ["api.stripe.com"], location: "MESH_EXTERNAL", ports: [{ number: 80, protocol: "HTTP", targetPort: 443 }] });
    const policy = spec(find(stack, "DestinationRule", "shop", "stripe")).trafficPolicy;
    expect(policy.tls).toBeUndefined();
    expect(policy.portLevelSettings).toEqual([expect.objectContaining({ port: { number: 80 }, tls: expect.objectContaining({ mode: "SIMPLE", sni: "api.stripe.com", insecureSkipVerify: false }) })]);
  });

  test("prod sends api.stripe.com through the egress gateway over Istio mTLS, and the gateway originates the TLS; dev and staging call it directly", () => {
    const exportTo = spec(find(stack, "ServiceEntry", "shop", "stripe")).exportTo;
    const egressObjects = istio(stack).filter((registration) => meta(registration).namespace === "istio-egress");
    const gatewayPolicy = find(stack, "AuthorizationPolicy", "istio-egress", "istio-egressgateway");
    // Installed in every stack, the egress gateway admits only the declared callers: nobody where nothing routes through it.
    expect(spec(gatewayPolicy).selector).toEqual({ matchLabels: { istio: "egressgateway" } });
    if (stack !== "prod") {
      expect(exportTo).toEqual(["shop"]);
      expect(egressObjects.map((registration) => `${registration.inputs.kind} ${meta(registration).name}`)).toEqual(["AuthorizationPolicy istio-egressgateway"]);
      expect(spec(gatewayPolicy)).toEqual({ selector: { matchLabels: { istio: "egressgateway" } }, action: "ALLOW" });
      return;
    }
    expect(exportTo).toEqual(["shop", "istio-egress"]);
    expect(spec(find(stack, "DestinationRule", "shop", "stripe")).exportTo).toEqual(["shop", "istio-egress"]);
    const gateway = find(stack, "Gateway", "istio-egress", "shop-stripe-egress");
    expect(spec(gateway)).toEqual({
      selector: { istio: "egressgateway" },
      servers: [{ port: { number: 443, name: "https", protocol: "HTTPS" }, hosts: ["api.stripe.com"], tls: { mode: "ISTIO_MUTUAL" } }],
    });
    const gatewayRule = find(stack, "DestinationRule", "istio-egress", "istio-egressgateway");
    expect(spec(gatewayRule)).toEqual({
      host: "istio-egressgateway.istio-egress.svc.cluster.local",
      exportTo: ["shop"],
      subsets: [{ name: "shop-stripe", trafficPolicy: { portLevelSettings: [{ port: { number: 443 }, tls: { mode: "ISTIO_MUTUAL", sni: "api.stripe.com" } }] } }],
    });
    expect(spec(gatewayPolicy).rules).toEqual([{ from: [{ source: { namespaces: ["shop"] } }], to: [{ operation: { hosts: ["api.stripe.com", "api.stripe.com:80"] } }] }]);
    expect(gateway.dependsOn).toContain(gatewayPolicy.urn);
    const vs = find(stack, "VirtualService", "shop", "stripe-egress");
    expect(spec(vs).gateways).toEqual(["mesh", "istio-egress/shop-stripe-egress"]);
    expect((spec(vs).http as Loose[]).map((route) => [route.match[0].gateways, route.match[0].port, route.route[0].destination])).toEqual([
      [["mesh"], 80, { host: "istio-egressgateway.istio-egress.svc.cluster.local", subset: "shop-stripe", port: { number: 443 } }],
      [["istio-egress/shop-stripe-egress"], 443, { host: "api.stripe.com", port: { number: 80 } }],
    ]);
    expect(vs.dependsOn).toEqual(expect.arrayContaining([gateway.urn, gatewayRule.urn, find(stack, "ServiceEntry", "shop", "stripe").urn, find(stack, "DestinationRule", "shop", "stripe").urn]));
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

  test("Gateway hosts are exact names in prod; ingress servers terminate TLS 1.3, egress servers take Istio mTLS only", () => {
    for (const gateway of ofKind(stack, "Gateway")) {
      for (const server of spec(gateway).servers as Loose[]) {
        if (stack === "prod") for (const host of server.hosts) expect(host).not.toContain("*");
        if (meta(gateway).namespace === "istio-egress") expect([server.port.protocol, server.tls]).toEqual(["HTTPS", { mode: "ISTIO_MUTUAL" }]);
        else if (server.port.protocol === "HTTPS") expect(server.tls).toMatchObject({ mode: "SIMPLE", minProtocolVersion: "TLSV1_3" });
      }
    }
  });
});

describe("a namespace whose workloads call the Kubernetes API", () => {
  test("namespaces[].kubernetesApi adds the API server's Service to that namespace's Sidecar, which otherwise leaves it out", async () => {
    const namespaces = JSON.stringify([{ name: "shop", labels: { team: "storefront" } }, { name: "ops", kubernetesApi: true }]);
    const edited = await renderWithConfig("prod", (config) => ({ ...config, "istio-mesh:namespaces": namespaces }));
    const sidecarHosts = (namespace: string) => {
      const sidecar = edited.registrations.find((registration) => registration.inputs.kind === "Sidecar" && meta(registration).namespace === namespace);
      return spec(sidecar as Registration).egress[0].hosts as string[];
    };
    expect(sidecarHosts("ops")).toEqual(["./*", "istio-system/*", "observability/*", "kube-system/kube-dns.kube-system.svc.cluster.local", "default/kubernetes.default.svc.cluster.local"]);
    expect(sidecarHosts("shop")).not.toContain("default/kubernetes.default.svc.cluster.local");
  });
});
