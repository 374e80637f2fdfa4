import type { Policies } from "@pulumi/policy";
import { evaluatePolicies, loadPolicyConfig } from "../../policy-pack/offline";
import { reconcilePolicyConfig } from "../../policy-pack/offlineConfig";
import type { ProgramRun, Registration } from "../../scripts/offline/mockEngine";
import { toPolicyResources } from "../../scripts/offline/policyGate";
import { analyzeStack, configure, type Diagnostic, getAnalyzerInfo, type PolicyInfo, type RunningPack, startPack } from "../support/analyzerClient";
import { stacks } from "../support/project";
import { releases } from "../support/registrations";
import { renderedStack } from "../support/renderedStacks";

/**
 * End to end at the protocol level: one pack process, started as the engine starts it, configured with each
 * stack's policy config file in turn and fed what the program registers for that stack file.
 */

let pack: RunningPack;
let policies: PolicyInfo[];
const rendered = new Map<string, ProgramRun>();

beforeAll(async () => {
  const starting = startPack(120_000);
  // The SDK's runtime state is global: one program run at a time.
  for (const stack of stacks) rendered.set(stack, await renderedStack(stack));
  pack = await starting;
  policies = (await getAnalyzerInfo(pack.client)).policies;
}, 150_000);

afterAll(() => {
  pack?.client.close();
  pack?.process.kill();
});

async function analyzeWithStackConfig(stack: string, registrations: readonly Registration[]): Promise<Diagnostic[]> {
  await configure(pack.client, reconcilePolicyConfig(policies as unknown as Policies, loadPolicyConfig(stack)));
  return analyzeStack(pack.client, registrations);
}

const summary = (diagnostics: readonly { policyName: string; enforcementLevel: string; urn?: string }[]) =>
  diagnostics.map((diagnostic) => `${diagnostic.enforcementLevel} ${diagnostic.policyName} ${diagnostic.urn ?? ""}`).sort();

test("the pack introduces itself with its policies, each named istio-…", () => {
  expect(policies.length).toBeGreaterThanOrEqual(20);
  for (const policy of policies) expect(policy.name).toMatch(/^(istio|argocd)-[a-z0-9]+(-[a-z0-9]+)+$/);
});

describe.each(stacks)("stack %s through the analyzer protocol", (stack) => {
  let diagnostics: Diagnostic[] = [];
  beforeAll(async () => {
    diagnostics = await analyzeWithStackConfig(stack, rendered.get(stack)?.registrations ?? []);
  }, 60_000);

  test("no mandatory violation", () => {
    expect(summary(diagnostics.filter((diagnostic) => diagnostic.enforcementLevel === "mandatory"))).toEqual([]);
  });

  test("the offline render's in-process gate finds exactly what the analyzer finds", async () => {
    const offline = await evaluatePolicies(toPolicyResources(rendered.get(stack)?.registrations ?? []), loadPolicyConfig(stack));
    expect(summary(offline)).toEqual(summary(diagnostics));
  });
});

describe("a broken prod stack is blocked", () => {
  function prodWith(edit: (registration: Registration) => Registration): Registration[] {
    return (rendered.get("prod")?.registrations ?? []).map(edit);
  }

  test("istiod limits above the bounds: a mandatory violation attributed to the istiod release", async () => {
    const istiod = releases(rendered.get("prod") as ProgramRun).get("istiod") as Registration;
    const broken = prodWith((registration) => {
      if (registration.urn !== istiod.urn) return registration;
      const values = structuredClone(registration.inputs.values) as { resources: { limits: { cpu: string } } };
      values.resources.limits.cpu = "4";
      return { ...registration, inputs: { ...registration.inputs, values } };
    });
    const mandatory = (await analyzeWithStackConfig("prod", broken)).filter((diagnostic) => diagnostic.enforcementLevel === "mandatory");
    expect(mandatory).toEqual([expect.objectContaining({ urn: istiod.urn, message: expect.stringContaining("resources.limits.cpu") })]);
  }, 60_000);

  test("an app namespace with both injection labels: a mandatory violation attributed to that namespace", async () => {
    const broken = prodWith((registration) => {
      const metadata = registration.inputs.metadata as { name?: string; labels?: Record<string, string> } | undefined;
      if (registration.type !== "kubernetes:core/v1:Namespace" || metadata?.name !== "shop") return registration;
      return { ...registration, inputs: { ...registration.inputs, metadata: { ...metadata, labels: { ...metadata.labels, "istio-injection": "enabled" } } } };
    });
    const shop = broken.find((registration) => (registration.inputs.metadata as { name?: string } | undefined)?.name === "shop") as Registration;
    const mandatory = (await analyzeWithStackConfig("prod", broken)).filter((diagnostic) => diagnostic.enforcementLevel === "mandatory");
    expect(mandatory.length).toBeGreaterThan(0);
    expect(mandatory.every((diagnostic) => diagnostic.urn === shop.urn)).toBe(true);
  }, 60_000);
});
