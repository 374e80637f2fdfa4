import * as pulumi from "@pulumi/pulumi";
import { parseSettings } from "../../settings";
import { renderWithConfig } from "../support/program";
import { byName } from "../support/registrations";
import { problemsOf, withCriticalReceiver } from "../support/settingsProblems";

describe("stack config errors name the key, the value found and what is allowed", () => {
  test("a word where istiod's replica minimum needs an integer", () => {
    expect(problemsOf("dev", { istio: { istiod: { autoscaleMin: "two" } } })).toEqual([
      'istio.istiod.autoscaleMin: expected an integer from 1 to 50, got "two"',
    ]);
  });

  test("an unknown top-level key is an error, not silently ignored", () => {
    expect(problemsOf("dev", { istoi: {} })[0]).toMatch(/^istoi: expected one of the known keys \(environment, kubernetes, kubeconfig, istio, namespaces\b.*\): an unknown key would be ignored, so it is an error, got \{\}$/);
  });

  test("a CPU limit above the 2000m bound", () => {
    expect(problemsOf("staging", { istio: { istiod: { resources: { limits: { cpu: "4" } } } } })).toEqual([
      'istio.istiod.resources.limits.cpu: expected a CPU limit from 500m to 2000m, got "4"',
    ]);
  });

  test("a memory request above its limit", () => {
    expect(problemsOf("dev", { istio: { ingressGateway: { resources: { requests: { memory: "1Gi" }, limits: { memory: "512Mi" } } } } })).toEqual([
      'istio.ingressGateway.resources.requests.memory: expected at most the memory limit "512Mi", got "1Gi"',
    ]);
  });

  test("bare numbers are quantities, as Kubernetes and `pulumi config set --path` write them", () => {
    const resources = { requests: { cpu: 0.25, memory: 268435456 }, limits: { cpu: 1, memory: 1073741824 } };
    const settings = parseSettings("dev", { istio: { istiod: { resources } } });
    expect(settings.istio.istiod.resources).toEqual({ requests: { cpu: "0.25", memory: "268435456" }, limits: { cpu: "1", memory: "1073741824" } });
    expect(problemsOf("dev", { istio: { istiod: { resources: { limits: { cpu: -1 } } } } })).toEqual([
      'istio.istiod.resources.limits.cpu: expected a CPU quantity such as "500m" or "2", got -1',
    ]);
  });

  test("every problem is reported at once, not only the first", () => {
    expect(problemsOf("dev", { istio: { mtlsMode: "strict", outboundTrafficPolicy: "ANY" } })).toHaveLength(2);
  });

  test("a stack not named after an environment must say which profile it uses", () => {
    expect(problemsOf("eu-prod", {})).toEqual([expect.stringMatching(/^environment: expected one of "dev", "staging", "prod"/)]);
    expect(parseSettings("eu-prod", withCriticalReceiver({ environment: "prod" })).istio.istiod.autoscaleMin).toBe(2);
  });

  test("namespace labels may not set injection themselves: it follows the revision", () => {
    expect(problemsOf("dev", { namespaces: [{ name: "shop", labels: { "istio-injection": "enabled" } }] })[0]).toMatch(
      /^namespaces\[0\]\.labels: expected no istio-injection label/,
    );
  });

  test("an injection revision the control plane does not serve", () => {
    expect(problemsOf("prod", withCriticalReceiver({ istio: { revisions: [{ name: "1-30-3" }], revisionTags: { stable: "1-30-3" }, injectionRevision: "canary" } }))).toEqual([
      'istio.injectionRevision: expected a revision or revision tag the stack serves (["1-30-3","stable"]), got "canary"',
      'istio.gatewayRevision: expected a revision or revision tag the stack serves (["1-30-3","stable"]), got "canary"',
    ]);
  });

  test("the kubeconfig must come from secret config, never plain text", () => {
    expect(problemsOf("dev", { kubeconfig: "apiVersion: v1" })[0]).toMatch(/^kubeconfig: expected a secret value/);
    expect(problemsOf("dev", { kubeconfig: pulumi.secret("apiVersion: v1") })).toEqual([]);
  });
});

describe("per-environment defaults for a new stack", () => {
  test("dev is permissive and small, prod strict and highly available", () => {
    const dev = parseSettings("dev", {}).istio;
    const prod = parseSettings("prod", withCriticalReceiver({})).istio;
    expect([dev.mtlsMode, dev.outboundTrafficPolicy, dev.istiod.autoscaleMin, dev.ingressGateway.minReplicas]).toEqual(["PERMISSIVE", "ALLOW_ANY", 1, 1]);
    expect([prod.mtlsMode, prod.outboundTrafficPolicy, prod.istiod.autoscaleMin, prod.ingressGateway.minReplicas]).toEqual(["STRICT", "REGISTRY_ONLY", 2, 2]);
    expect(prod.ingressGateway.podDisruptionBudgetMinAvailable).toBe(1);
    expect(prod.protectIstioBase).toBe(true);
  });

  test("a count of 0 where allowed is not replaced by a default", () => {
    expect(problemsOf("dev", { istio: { istiod: { autoscaleMin: 0 } } })).toEqual(["istio.istiod.autoscaleMin: expected an integer from 1 to 50, got 0"]);
  });
});

describe("secret config", () => {
  test("a kubeconfig set with --secret reaches the provider as a secret and prints as [secret]", async () => {
    const run = await renderWithConfig("dev", (config) => ({ ...config, "istio-mesh:kubeconfig": "apiVersion: v1\nclusters: []" }));
    expect(byName(run, "pulumi:providers:kubernetes", "cluster").inputs.kubeconfig).toBe("[secret]");
  });
});
