import type { ProgramRun } from "../../scripts/offline/mockEngine";
import { ofType, renderStack, stacks } from "../support/program";

const runs = new Map<string, ProgramRun>();

beforeAll(async () => {
  for (const stack of stacks) runs.set(stack, await renderStack(stack));
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
      "istio-mesh:mesh:AppNamespaces",
      "istio-mesh:mesh:Mesh",
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
});
