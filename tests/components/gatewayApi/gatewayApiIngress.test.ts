/**
 * The Gateway API ingress through the whole program: staging's objects valid against the v1.5.1 reference CRDs, every
 * one waiting for the CRDs the stack installs; the CRDs themselves (pinned, protected where asked, absent with
 * `existing`); and dev and prod rendering exactly as before when `mesh.ingress.api: istio` is written out.
 */
import type { ProgramRun, Registration } from "../../../scripts/offline/mockEngine";
import { gatewayApiObjectProblems, referenceAvailable } from "../../support/gatewayApiSchema";
import type { Loose } from "../../support/meshRender";
import { renderWithConfig } from "../../support/program";
import { releases } from "../../support/registrations";
import { renderedStack } from "../../support/renderedStacks";

const gatewayApiType = /^kubernetes:gateway\.networking\.k8s\.io\/v1:/;
const crdType = "kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition";
const ofType = (run: ProgramRun, pattern: RegExp | string) => run.registrations.filter((registration) => (typeof pattern === "string" ? registration.type === pattern : pattern.test(registration.type)));
const meta = (registration: Registration) => registration.inputs.metadata as { name: string; namespace?: string; annotations?: Record<string, string> };

/** A stack file's config with `edit` applied to its parsed `istio-mesh:<key>` value. */
const editKey = (key: string, edit: (value: Loose) => Loose) => (config: Record<string, string>) => ({
  ...config,
  [`istio-mesh:${key}`]: JSON.stringify(edit(JSON.parse(config[`istio-mesh:${key}`] ?? "{}"))),
});

let staging: ProgramRun;
beforeAll(async () => {
  staging = await renderedStack("staging");
});

describe("staging's Gateway API ingress", () => {
  (referenceAvailable ? it : it.skip)("creates only objects valid against the v1.5.1 CRDs and their CEL rules, in standard-channel fields", () => {
    const objects = ofType(staging, gatewayApiType);
    expect(objects.map((object) => `${object.inputs.kind} ${meta(object).namespace}/${meta(object).name}`).sort()).toEqual([
      "Gateway istio-ingress/ingress",
      "HTTPRoute argocd/argocd-server",
      "HTTPRoute istio-ingress/ingress-https-redirect",
      "HTTPRoute shop/api-ingress",
    ]);
    expect(objects.flatMap((object) => gatewayApiObjectProblems(object.inputs).map((problem) => `${object.name}: ${problem}`))).toEqual([]);
  });

  it("has no Istio Gateway or ingress VirtualService in its place", () => {
    const istioNames = staging.registrations.filter((registration) => /networking\.istio\.io\/v1:(Gateway|VirtualService)$/.test(registration.type)).map((registration) => meta(registration).name);
    expect(istioNames).not.toContain("ingress");
    expect(istioNames).not.toContain("api-ingress");
  });

  it("installs the v1.5.1 standard-channel CRDs and the safe-upgrades policy, and every Gateway API object waits for all CRDs and istiod", () => {
    const crds = ofType(staging, crdType);
    expect(crds.map((crd) => meta(crd).name).sort()).toEqual(
      ["backendtlspolicies", "gatewayclasses", "gateways", "grpcroutes", "httproutes", "listenersets", "referencegrants", "tlsroutes"].map((plural) => `${plural}.gateway.networking.k8s.io`),
    );
    for (const crd of crds) expect(meta(crd).annotations).toMatchObject({ "gateway.networking.k8s.io/bundle-version": "v1.5.1", "gateway.networking.k8s.io/channel": "standard" });
    expect(ofType(staging, /ValidatingAdmissionPolicy(Binding)?$/).map((policy) => meta(policy).name)).toEqual(["safe-upgrades.gateway.networking.k8s.io", "safe-upgrades.gateway.networking.k8s.io"]);
    const istiod = releases(staging).get("istiod")?.urn;
    for (const object of ofType(staging, gatewayApiType)) expect(object.dependsOn).toEqual(expect.arrayContaining([...crds.map((crd) => crd.urn), istiod]));
  });

  it("routes through per-version Services that select the api's pods of that version, each with the api's DestinationRule policy", () => {
    const services = ofType(staging, "kubernetes:core/v1:Service");
    expect(services.map((service) => [meta(service).name, (service.inputs.spec as Loose).selector])).toEqual([
      ["api-canary", { app: "api", version: "canary" }],
      ["api-stable", { app: "api", version: "stable" }],
    ]);
    const rules = staging.registrations.filter((registration) => registration.type.endsWith(":DestinationRule") && ["api-stable", "api-canary"].includes(meta(registration).name));
    expect(rules.map((rule) => (rule.inputs.spec as Loose).host).sort()).toEqual(["api-canary.shop.svc.cluster.local", "api-stable.shop.svc.cluster.local"]);
    const route = ofType(staging, gatewayApiType).find((object) => meta(object).name === "api-ingress") as Registration;
    expect(route.dependsOn).toEqual(expect.arrayContaining([...services, ...rules].map((dependency) => dependency.urn)));
  });

  it("gives istiod the mesh-wide TLS 1.3 minimum the listeners cannot state", () => {
    expect((releases(staging).get("istiod")?.inputs.values as Loose).meshConfig.tlsDefaults).toEqual({ minProtocolVersion: "TLSV1_3" });
  });
});

describe("gatewayApi.crds", () => {
  it("existing: installs no CRDs, and the Gateway API objects still render", async () => {
    const run = await renderWithConfig("staging", editKey("gatewayApi", () => ({ crds: "existing" })));
    expect(ofType(run, crdType)).toEqual([]);
    expect(ofType(run, /ValidatingAdmissionPolicy/)).toEqual([]);
    // The Gateway, the redirect, the api's route and Argo CD's.
    expect(ofType(run, gatewayApiType)).toHaveLength(4);
  });

  it("protectCrds: protects and retains every CRD and the admission policy", async () => {
    const run = await renderWithConfig("staging", editKey("gatewayApi", (value) => ({ ...value, protectCrds: true })));
    const installed = [...ofType(run, crdType), ...ofType(run, /ValidatingAdmissionPolicy/)];
    expect(installed).toHaveLength(10);
    for (const object of installed) expect([object.protect, object.retainOnDelete]).toEqual([true, true]);
    expect(ofType(staging, crdType).every((crd) => !crd.protect)).toBe(true);
  });
});

describe.each(["dev", "prod"])("stack %s with mesh.ingress.api written out as istio", (stack) => {
  it("registers exactly what it registers without the key", async () => {
    const implicit = await renderedStack(stack);
    const explicit = await renderWithConfig(stack, editKey("mesh", (mesh) => ({ ...mesh, ingress: { ...mesh.ingress, api: "istio" } })));
    expect(explicit.registrations).toEqual(implicit.registrations);
    expect(ofType(implicit, gatewayApiType)).toEqual([]);
    expect(ofType(implicit, crdType)).toEqual([]);
  });
});

describe("notices", () => {
  it("prints a warning naming the key when an exposed service's default retries give way to the mesh-wide policy", async () => {
    const warnings: string[] = [];
    const spy = jest.spyOn(console, "warn").mockImplementation((message: string) => void warnings.push(message));
    try {
      await renderWithConfig(
        "staging",
        editKey("mesh", (mesh) => ({
          ...mesh,
          // The api's own retries (one retry, not Istio's two) become the mesh-wide policy the web service's default gives way to.
          services: [
            { ...mesh.services[0], retries: { attempts: 1, perTryTimeout: "10s" } },
            ...mesh.services.slice(1),
            { name: "web", namespace: "shop", port: 8080, hosts: ["api.staging.example.com"], routes: [{ name: "web", match: { pathPrefix: "/web" }, destinations: [{}] }] },
          ],
        })),
      );
    } finally {
      spy.mockRestore();
    }
    expect(warnings).toEqual([expect.stringContaining("mesh.services[2].retries: ingress requests get mesh.services[0].retries")]);
  });
});
