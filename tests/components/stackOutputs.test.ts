import { ingressGateway } from "../../components/names";
import { gatewayAddress, uiEndpoints } from "../../components/stackOutputs";
import type { ProgramRun, Registration } from "../../scripts/offline/mockEngine";
import { parseSettings } from "../../settings";
import { alertmanagerService, grafanaService, jaegerService, kialiService, prometheusService, serviceUrl } from "../support/chartServiceNames";
import { stacks } from "../support/project";
import { releases } from "../support/registrations";
import { renderedStack } from "../support/renderedStacks";
import { withCriticalReceiver } from "../support/settingsProblems";

/** The stack outputs for day two: the ingress gateway's address, and where each UI is and how to reach it. */

type Values = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe("gatewayAddress: where clients reach the ingress gateway", () => {
  test("a LoadBalancer Service: the address the cloud assigned, an IP or a host name", () => {
    expect(gatewayAddress(ingressGateway, { type: "LoadBalancer", ingress: [{ ip: "203.0.113.7" }] })).toBe("203.0.113.7");
    expect(gatewayAddress(ingressGateway, { type: "LoadBalancer", ingress: [{ hostname: "a1b2.elb.example.com" }] })).toBe("a1b2.elb.example.com");
  });

  test("a LoadBalancer Service without an address yet says so and how to wait for one", () => {
    const pending = gatewayAddress(ingressGateway, { type: "LoadBalancer", ingress: [] });
    expect(pending).toMatch(/^pending: /);
    expect(pending).toContain("kubectl -n istio-ingress get svc istio-ingressgateway -w");
    expect(gatewayAddress(ingressGateway, {})).toBe(pending);
  });

  test("a NodePort Service: any node at the node port behind 443", () => {
    const ports = [
      { port: 80, nodePort: 30080 },
      { port: 443, nodePort: 30443 },
    ];
    expect(gatewayAddress(ingressGateway, { type: "NodePort", ports })).toBe("<any node's address>:30443 (kubectl get nodes -o wide)");
  });

  test("a ClusterIP Service: the in-cluster name only", () => {
    expect(gatewayAddress(ingressGateway, { type: "ClusterIP" })).toBe("istio-ingressgateway.istio-ingress.svc.cluster.local (ClusterIP: in-cluster only)");
  });
});

describe("uiEndpoints: a UI per add-on the stack installs", () => {
  const settings = (environment: "dev" | "prod", extra: Record<string, unknown> = {}) =>
    parseSettings(environment, withCriticalReceiver({ environment, ...extra }));

  test("everything on: Grafana, Prometheus, Alertmanager, Jaeger and Kiali", () => {
    expect(Object.keys(uiEndpoints(settings("dev"))).sort()).toEqual(["alertmanager", "grafana", "jaeger", "kiali", "prometheus"]);
  });

  test("without monitoring, neither its UIs nor Kiali (which needs Prometheus); without tracing, no Jaeger", () => {
    expect(Object.keys(uiEndpoints(settings("dev", { monitoring: { enabled: false }, kiali: { enabled: false } })))).toEqual(["jaeger"]);
    expect(Object.keys(uiEndpoints(settings("dev", { tracing: { enabled: false } }))).sort()).toEqual(["alertmanager", "grafana", "kiali", "prometheus"]);
  });

  test("each port-forward targets the Service's port and opens the same path as the in-cluster URL", () => {
    for (const endpoint of Object.values(uiEndpoints(settings("dev")))) {
      const [, local, remote] = /port-forward svc\/\S+ (\d+):(\d+)$/.exec(endpoint.portForward) ?? [];
      // the URLs' written ports (URL#port drops a default 80)
      expect(endpoint.url).toMatch(new RegExp(`^http://[^/]+:${remote}(/|$)`));
      expect(endpoint.open).toMatch(new RegExp(`^http://localhost:${local}(/|$)`));
      expect(new URL(endpoint.open).pathname).toBe(new URL(endpoint.url).pathname);
    }
  });
});

describe.each(stacks)("stack %s: the outputs name what the releases create", (stack) => {
  let run: ProgramRun;
  beforeAll(async () => {
    run = await renderedStack(stack);
  });
  const release = (name: string) => releases(run).get(name) as Registration;
  const valuesOf = (name: string) => release(name).inputs.values as Values;

  test("each UI's URL is a Service the chart creates, derived as the chart derives it", () => {
    const monitoring = release("kube-prometheus-stack");
    const jaeger = release("jaeger");
    const kiali = release("kiali-server");
    const [prometheus, grafana, alertmanager] = [prometheusService, grafanaService, alertmanagerService].map((derive) =>
      derive(monitoring.inputs.name as string, valuesOf("kube-prometheus-stack")),
    );
    const tracing = jaegerService(jaeger.inputs.name as string, valuesOf("jaeger"));
    const kialiUi = kialiService(valuesOf("kiali-server"));
    const uis = run.outputs.uis as Record<string, { url: string }>;
    expect(Object.fromEntries(Object.entries(uis).map(([name, endpoint]) => [name, endpoint.url]))).toEqual({
      grafana: serviceUrl(grafana.name, monitoring.inputs.namespace as string, grafana.port),
      prometheus: serviceUrl(prometheus.name, monitoring.inputs.namespace as string, prometheus.port),
      alertmanager: serviceUrl(alertmanager.name, monitoring.inputs.namespace as string, alertmanager.port),
      jaeger: serviceUrl(tracing.name, jaeger.inputs.namespace as string, tracing.ports.queryHttp),
      kiali: serviceUrl(kialiUi.name, kiali.inputs.namespace as string, kialiUi.port) + kialiUi.webRoot,
    });
  });

  test("the ingress gateway's address is unknown until the cluster assigns it; its Service is the gateway release's", () => {
    const gateway = release(ingressGateway.releaseName);
    expect(run.outputs).toMatchObject({
      ingressGatewayAddress: "[unknown]",
      ingressGatewayNamespace: gateway.inputs.namespace,
      ingressGatewayService: gateway.inputs.name,
    });
  });
});
