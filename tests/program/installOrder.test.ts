import type { ProgramRun } from "../../scripts/offline/mockEngine";
import { stacks } from "../support/project";
import { byName, ofType } from "../support/registrations";
import { renderedStack } from "../support/renderedStacks";

const runs = new Map<string, ProgramRun>();

beforeAll(async () => {
  for (const stack of stacks) runs.set(stack, await renderedStack(stack));
});

describe.each(stacks)("stack %s", (stack) => {
  test("components are declared in install order: Istio, gateways, cert-manager, Prometheus, Jaeger, Kiali, then the mesh", () => {
    const order = (runs.get(stack) as ProgramRun).registrations
      .filter((registration) => registration.type.startsWith("istio-mesh:"))
      .map((registration) => registration.type);
    const expected = [
      "istio-mesh:istio:ControlPlane",
      "istio-mesh:istio:Gateway",
      "istio-mesh:addons:Certificates",
      "istio-mesh:addons:Monitoring",
      "istio-mesh:addons:Tracing",
      "istio-mesh:addons:Kiali",
      "istio-mesh:argocd:ArgoCd",
      "istio-mesh:mesh:AppNamespaces",
      "istio-mesh:mesh:Mesh",
      "istio-mesh:argocd:ArgoCdTeams",
    ];
    const firstSeen = expected.map((type) => order.indexOf(type));
    expect(firstSeen.every((index) => index >= 0)).toBe(true);
    expect([...firstSeen].sort((a, b) => a - b)).toEqual(firstSeen);
  });

  test("the ingress Gateway (Istio's, or the Gateway API's in staging) waits for every Certificate whose secret its HTTPS servers name", () => {
    const run = runs.get(stack) as ProgramRun;
    const certificates = ofType(run, "kubernetes:cert-manager.io/v1:Certificate");
    const inIngress = (candidate: { inputs: Record<string, unknown> }) => (candidate.inputs.metadata as { namespace: string }).namespace === "istio-ingress";
    const [gateway] = [...ofType(run, "kubernetes:networking.istio.io/v1:Gateway"), ...ofType(run, "kubernetes:gateway.networking.k8s.io/v1:Gateway")].filter(inIngress);
    const spec = gateway.inputs.spec as { servers?: { tls?: { credentialName?: string } }[]; listeners?: { tls?: { certificateRefs?: { name: string }[] } }[] };
    const credentialNames = [...(spec.servers ?? []).map((server) => server.tls?.credentialName), ...(spec.listeners ?? []).flatMap((listener) => (listener.tls?.certificateRefs ?? []).map((ref) => ref.name))]
      .filter((name): name is string => name !== undefined);
    expect(credentialNames.length).toBeGreaterThan(0);
    for (const credentialName of credentialNames) {
      const writer = certificates.find((certificate) => (certificate.inputs.spec as { secretName: string }).secretName === credentialName);
      expect(gateway.dependsOn).toContain(writer?.urn);
    }
  });

  test("Argo CD comes after the control plane, with its namespace's mesh objects; AppProjects and Applications after Argo CD", () => {
    const run = runs.get(stack) as ProgramRun;
    const urn = (type: string, name: string) => byName(run, type, name).urn;
    const istiod = urn("kubernetes:helm.sh/v3:Release", "istio-istiod");
    const namespace = byName(run, "kubernetes:core/v1:Namespace", "argocd-namespace");
    expect(namespace.dependsOn).toContain(istiod);
    const release = byName(run, "kubernetes:helm.sh/v3:Release", "argocd-release");
    for (const name of ["argocd-peer-authentication", "argocd-default-deny"]) expect(release.dependsOn).toContain(run.registrations.find((r) => r.name === name)?.urn);
    expect(release.dependsOn).toContain(urn("kubernetes:security.istio.io/v1:AuthorizationPolicy", "argocd-allow-argocd-repo-server"));
    const project = byName(run, "kubernetes:argoproj.io/v1alpha1:AppProject", "argocd-teams-storefront-project");
    const application = byName(run, "kubernetes:argoproj.io/v1alpha1:Application", "argocd-teams-storefront");
    expect(project.dependsOn).toContain(release.urn);
    expect(application.dependsOn).toEqual(expect.arrayContaining([release.urn, project.urn, urn("kubernetes:core/v1:Namespace", "app-namespaces-shop")]));
  });
});
