import { certManagerChartValues, shadowedHelmValues } from "../../../policy-pack/lib/certManagerComponent";
import { checkCertificatesArgs, type CertificatesArgs } from "../../../components/addons/certificates";
import type { ProgramRun, Registration } from "../../../scripts/offline/mockEngine";
import { parseSettings } from "../../../settings";
import { renderWithConfig } from "../../support/program";
import { stacks } from "../../support/project";
import { ofType } from "../../support/registrations";
import { renderedStack } from "../../support/renderedStacks";
import { withCriticalReceiver } from "../../support/settingsProblems";

const certManagerType = "kubernetes-cert-manager:index:CertManager";
const runs = new Map<string, ProgramRun>();
beforeAll(async () => {
  for (const stack of stacks) runs.set(stack, await renderedStack(stack));
});
const run = (stack: string) => runs.get(stack) as ProgramRun;

type Inputs = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const kindOf = (registration: Registration) => registration.type.split(":").pop();
const ofKind = (target: ProgramRun, kind: string) => target.registrations.filter((registration) => registration.custom && kindOf(registration) === kind);
const certManagerOf = (target: ProgramRun) => {
  const [component] = ofType(target, certManagerType);
  if (!component) throw new Error("no CertManager component");
  return component;
};

/** The Gateway servers' credentialNames, from the mesh's Gateway resources. */
/** Secrets the ingress serves: Istio Gateway `credentialName`s, or Gateway API listener `certificateRefs` (staging). */
function credentialNames(target: ProgramRun): string[] {
  return ofKind(target, "Gateway").flatMap((gateway) => {
    const spec = (gateway.inputs as Inputs).spec;
    if (spec.listeners) return (spec.listeners as Inputs[]).flatMap((listener) => ((listener.tls?.certificateRefs ?? []) as Inputs[]).map((ref) => ref.name as string));
    return (spec.servers as Inputs[]).flatMap((server) => (server.tls?.credentialName ? [server.tls.credentialName as string] : []));
  });
}

describe.each(stacks)("stack %s: cert-manager", (stack) => {
  test("helmOptions.values holds no key the component types, so every value reaches the chart", () => {
    expect(shadowedHelmValues(certManagerOf(run(stack)).inputs)).toEqual([]);
  });

  test("the CertManager component pins chart v1.21.1 as release cert-manager in namespace cert-manager, with its CRDs", () => {
    const { helmOptions } = certManagerOf(run(stack)).inputs as Inputs;
    expect(helmOptions).toMatchObject({
      name: "cert-manager",
      chart: "cert-manager",
      version: "v1.21.1",
      namespace: "cert-manager",
      repositoryOpts: { repo: "https://charts.jetstack.io" },
      atomic: true,
    });
    expect(helmOptions.values.crds).toEqual({ enabled: true, keep: true });
  });

  test("a Certificate in istio-ingress writes every secret the ingress Gateway names, from the stack's ClusterIssuer", () => {
    const credentials = credentialNames(run(stack));
    expect(credentials.length).toBeGreaterThan(0);
    const certificates = ofKind(run(stack), "Certificate").map((certificate) => certificate.inputs as Inputs);
    const issuers = new Set(ofKind(run(stack), "ClusterIssuer").map((issuer) => (issuer.inputs as Inputs).metadata.name));
    for (const credential of credentials) {
      const certificate = certificates.find((candidate) => candidate.spec.secretName === credential && candidate.metadata.namespace === "istio-ingress");
      expect(certificate).toBeDefined();
      expect(issuers.has(certificate?.spec.issuerRef.name)).toBe(true);
      expect(certificate?.spec.issuerRef.kind).toBe("ClusterIssuer");
    }
  });

  test("every issuer and certificate waits for the CertManager component (its CRDs and webhook)", () => {
    const component = certManagerOf(run(stack));
    const waiting = [...ofKind(run(stack), "ClusterIssuer"), ...ofKind(run(stack), "Certificate")];
    expect(waiting.length).toBeGreaterThan(0);
    for (const resource of waiting) expect(resource.dependsOn).toContain(component.urn);
  });
});

test.each(["dev", "staging"])("%s: one replica each and no PodDisruptionBudget, which would block every drain", (stack) => {
  expect(certManagerChartValues(certManagerOf(run(stack)).inputs)).toMatchObject({ replicaCount: 1, webhook: { replicaCount: 1 }, cainjector: { replicaCount: 1 }, podDisruptionBudget: { enabled: false } });
  expect(ofKind(run(stack), "PodDisruptionBudget").filter((budget) => (budget.inputs as Inputs).metadata.namespace === "cert-manager")).toEqual([]);
});

test.each(["dev", "staging"])("%s: a self-signed root certificate feeds the CA ClusterIssuer that signs the gateway certificates", (stack) => {
  const issuers = Object.fromEntries(ofKind(run(stack), "ClusterIssuer").map((issuer) => [(issuer.inputs as Inputs).metadata.name, issuer]));
  expect((issuers["selfsigned-bootstrap"].inputs as Inputs).spec).toEqual({ selfSigned: {} });
  const root = ofKind(run(stack), "Certificate").find((certificate) => (certificate.inputs as Inputs).spec.isCA === true);
  expect((root?.inputs as Inputs).spec).toMatchObject({ issuerRef: { name: "selfsigned-bootstrap" }, secretName: "mesh-ca-root" });
  expect((root?.inputs as Inputs).metadata.namespace).toBe("cert-manager");
  expect((issuers["mesh-ca"].inputs as Inputs).spec).toEqual({ ca: { secretName: "mesh-ca-root" } });
  expect(issuers["mesh-ca"].dependsOn).toContain(root?.urn);
});

describe("prod", () => {
  test("controller, webhook and cainjector run two or more replicas with requests and limits, in the values the chart gets", () => {
    const values = certManagerChartValues(certManagerOf(run("prod")).inputs);
    const resources = { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "512Mi" } };
    expect(values).toMatchObject({ replicaCount: 2, resources, podDisruptionBudget: { enabled: true, minAvailable: 1 } });
    for (const part of ["webhook", "cainjector"]) expect([part, values[part]]).toEqual([part, { replicaCount: 2, resources }]);
    expect(values.startupapicheck).toEqual({ resources });
  });

  test("the webhook and the cainjector get PodDisruptionBudgets selecting their pods by the chart's labels", () => {
    // deploy/charts/cert-manager/templates/{webhook,cainjector}-deployment.yaml of cert-manager v1.21.1, release cert-manager.
    const podLabels = (component: string) => ({ "app.kubernetes.io/name": component, "app.kubernetes.io/instance": "cert-manager", "app.kubernetes.io/component": component });
    const budgets = ofKind(run("prod"), "PodDisruptionBudget").filter((budget) => (budget.inputs as Inputs).metadata.namespace === "cert-manager");
    expect(budgets.map((budget) => budget.inputs)).toEqual([
      { apiVersion: "policy/v1", kind: "PodDisruptionBudget", metadata: { name: "cert-manager-webhook", namespace: "cert-manager" }, spec: { minAvailable: 1, selector: { matchLabels: podLabels("webhook") } } },
      { apiVersion: "policy/v1", kind: "PodDisruptionBudget", metadata: { name: "cert-manager-cainjector", namespace: "cert-manager" }, spec: { minAvailable: 1, selector: { matchLabels: podLabels("cainjector") } } },
    ]);
  });

  test("an ACME ClusterIssuer with an email solves DNS-01 with credentials referenced by Secret name only", () => {
    const [issuer] = ofKind(run("prod"), "ClusterIssuer");
    const { acme } = (issuer.inputs as Inputs).spec;
    expect(acme.email).toMatch(/@/);
    expect(acme.server).toBe("https://acme-v02.api.letsencrypt.org/directory");
    expect(acme.solvers).toEqual([{ dns01: { cloudflare: { apiTokenSecretRef: { name: "cloudflare-api-token", key: "api-token" } } } }]);
  });

  test("HTTP-01 by config answers through Istio's ingress class", async () => {
    const http01 = await renderWithConfig("prod", (config) => {
      const certManager = JSON.parse(config["istio-mesh:certManager"]);
      const mesh = JSON.parse(config["istio-mesh:mesh"]);
      return {
        ...config,
        "istio-mesh:certManager": JSON.stringify({ ...certManager, issuer: { type: "acme", acme: { email: "ops@example.com", solver: "http01" } } }),
        "istio-mesh:mesh": JSON.stringify({ ...mesh, ingress: { ...mesh.ingress, acmeHttp01: true } }),
      };
    });
    const [issuer] = ofKind(http01, "ClusterIssuer");
    expect((issuer.inputs as Inputs).spec.acme.solvers).toEqual([{ http01: { ingress: { ingressClassName: "istio" } } }]);
  });
});

test("with cert-manager switched off and no HTTPS hosts, no cert-manager resource is created", async () => {
  const off = await renderWithConfig("dev", (config) => {
    const mesh = JSON.parse(config["istio-mesh:mesh"]);
    const services = (mesh.services ?? []).map((service: Inputs) => ({ ...service, hosts: undefined, rateLimit: undefined }));
    return {
      ...config,
      "istio-mesh:certManager": JSON.stringify({ enabled: false }),
      "istio-mesh:mesh": JSON.stringify({ ...mesh, ingress: { ...mesh.ingress, hosts: [] }, services, rateLimit: undefined }),
      // Argo CD stays, reached by port-forward: its host was one of the ingress hosts.
      "istio-mesh:argocd": JSON.stringify({ ...JSON.parse(config["istio-mesh:argocd"]), host: undefined }),
    };
  });
  expect(ofType(off, certManagerType)).toEqual([]);
  expect([...ofKind(off, "ClusterIssuer"), ...ofKind(off, "Certificate")]).toEqual([]);
});

test("the component refuses HTTPS hosts it has no issuer for, instead of leaving their secrets unwritten", () => {
  const args = (certManager: CertificatesArgs["certManager"], httpsHosts: string[]) =>
    ({ certManager, httpsHosts, gatewayNamespace: "istio-ingress", helmTimeoutSeconds: 600 }) as unknown as CertificatesArgs;
  const unconfiguredProd = parseSettings("prod", withCriticalReceiver({})).certManager;
  expect(() => checkCertificatesArgs(args(unconfiguredProd, ["api.example.com"]))).toThrow(/1 HTTPS hosts but no issuer/);
  expect(() => checkCertificatesArgs(args(unconfiguredProd, []))).not.toThrow();
  expect(() => checkCertificatesArgs(args(parseSettings("dev", {}).certManager, ["api.example.com"]))).not.toThrow();
});
