import type { ProgramRun } from "../../scripts/offline/mockEngine";
import { loadPolicyGate } from "../../scripts/offline/policyGate";
import { injectionView, stepProblems, transitionProblems } from "../support/injectionSteps";
import { renderWithPatch } from "../support/program";
import { kubernetesObjects, releases } from "../support/registrations";
import { renderedStack } from "../support/renderedStacks";

/** The procedures of docs/upgrades.md as stack config steps, each one `pulumi up`: a patch file of Pulumi.prod.yaml, or the file itself. */
const prod = "Pulumi.prod.yaml";
const migration = [
  "upgrades/migrate-to-stack-tags/1-as-installed.yaml",
  "upgrades/migrate-to-stack-tags/2-namespaces-on-revision.yaml",
  "upgrades/migrate-to-stack-tags/3-drop-chart-tag.yaml",
  prod,
];
const canary = [prod, "upgrades/canary/1-install-canary.yaml", "upgrades/canary/2-try-canary.yaml", "upgrades/canary/3-promote.yaml", "upgrades/canary/4-remove-old-revision.yaml"];
/** Trying the canary and backing out, promoting and backing out, then removing the canary again. */
const rollback = [prod, canary[1], canary[2], canary[1], canary[3], canary[1], prod];

const runs = new Map<string, ProgramRun>();
const render = (step: string) => (step === prod ? renderedStack("prod") : renderWithPatch("prod", step));

beforeAll(async () => {
  for (const step of new Set([...migration, ...canary])) runs.set(step, await render(step));
});

function run(step: string): ProgramRun {
  const found = runs.get(step);
  if (!found) throw new Error(`step ${step} was not rendered`);
  return found;
}

const values = (step: string, release: string) => releases(run(step)).get(release)?.inputs.values as Record<string, unknown> | undefined;
const revisionLabelOf = (step: string, namespace: string) =>
  (kubernetesObjects(run(step)).get(`Namespace /${namespace}`)?.inputs.metadata as { labels: Record<string, string> }).labels["istio.io/rev"];
const pairs = (steps: readonly string[]) => steps.slice(1).map((step, i) => [steps[i], step] as const);

describe.each([
  ["moving a chart-owned tag to the stack", migration],
  ["the canary upgrade", canary],
  ["rolling the canary back from steps 2 and 3", rollback],
])("%s", (_, steps) => {
  test.each(steps.map((step) => [step]))("%s: one owner per tag webhook, every istio.io/rev value in use served", (step) => {
    expect(stepProblems(injectionView(run(step)))).toEqual([]);
  });
  test.each(pairs(steps))("%s → %s: owners move only in place, and nothing in use loses its webhook", (before, after) => {
    expect(transitionProblems(injectionView(run(before)), injectionView(run(after)))).toEqual([]);
  });
});

test("every step passes prod's policy gate", async () => {
  const gate = await loadPolicyGate("prod");
  for (const step of runs.keys()) {
    const mandatory = (await gate(run(step).registrations)).filter((violation) => violation.enforcementLevel === "mandatory");
    expect({ step, mandatory }).toEqual({ step, mandatory: [] });
  }
});

describe("the steps do what docs/upgrades.md says", () => {
  test("migration step 1 renders the layout the old keys installed: the chart's tag in the release istiod", () => {
    const step = migration[0];
    expect(values(step, "istiod")).toMatchObject({ revision: "1-30-3", revisionTags: ["prod-stable"] });
    expect(releases(run(step)).get("istiod")?.urn).toMatch(/ControlPlane\$kubernetes:helm\.sh\/v3:Release::istio-istiod$/);
    expect(values(step, "istio-ingressgateway")).toMatchObject({ revision: "1-30-3" });
    expect(values(step, "istio-ingressgateway")?.podAnnotations).toBeUndefined();
    expect(revisionLabelOf(step, "shop")).toBe("prod-stable");
    expect([...injectionView(run(step)).tagWebhooks.values()].flat().every((owner) => owner.urn.includes("Release::istio-istiod"))).toBe(true);
  });

  test("prod: the stack owns the tag, namespaces and gateways use it, the release istiod keeps its name", () => {
    expect(values(prod, "istiod")).toMatchObject({ revision: "1-30-3" });
    expect(values(prod, "istiod")?.revisionTags).toBeUndefined();
    expect(values(prod, "istio-ingressgateway")).toMatchObject({ revision: "prod-stable", podAnnotations: { "istio-mesh/injecting-revision": "1-30-3" } });
    expect(revisionLabelOf(prod, "shop")).toBe("prod-stable");
  });

  test("promotion points prod-stable at the canary: gateways roll onto it, the default validator follows, both revisions still run", () => {
    const step = canary[3];
    expect([...releases(run(step)).keys()]).toEqual(expect.arrayContaining(["istiod", "istiod-1-31-0"]));
    expect(values(step, "istio-base")).toEqual({ defaultRevision: "1-31-0" });
    expect(releases(run(step)).get("istio-base")?.inputs.version).toBe("1.31.0");
    expect(values(step, "istio-egressgateway")).toMatchObject({ revision: "prod-stable", podAnnotations: { "istio-mesh/injecting-revision": "1-31-0" } });
    expect(releases(run(step)).get("istio-egressgateway")?.inputs.version).toBe("1.31.0");
  });

  test("the last step leaves one revision, in its own release, behind the same tag", () => {
    const step = canary[4];
    expect([...releases(run(step)).keys()].filter((name) => name.startsWith("istiod"))).toEqual(["istiod-1-31-0"]);
    expect(revisionLabelOf(step, "shop")).toBe("prod-stable");
  });
});

describe("the check catches the transitions that leave pods without a sidecar", () => {
  const problems = (before: string, after: string) => transitionProblems(injectionView(run(before)), injectionView(run(after)));

  test("moving the chart's tag to the stack in one step changes its webhook's owner", () => {
    expect(problems(migration[0], prod)).toEqual(expect.arrayContaining([expect.stringMatching(/^istio-revision-tag-prod-stable moves from .*Release::istio-istiod to .*MutatingWebhookConfiguration::istio-revision-tag-prod-stable, not in place$/)]));
  });

  test("dropping the chart's tag while namespaces still use it", () => {
    expect(problems(migration[0], migration[2])).toEqual([expect.stringMatching(/^istio\.io\/rev prod-stable is still in use while .*Release::istio-istiod stops serving it in place$/)]);
  });

  test("labelling a namespace with a tag before its webhook exists", () => {
    const after = run(prod);
    const hasty = { ...after, registrations: after.registrations.map((r) => (r.name === "app-namespaces-shop" ? { ...r, dependsOn: [] } : r)) };
    expect(transitionProblems(injectionView(run(migration[2])), injectionView(hasty))).toEqual([
      expect.stringMatching(/^Namespace app-namespaces-shop uses istio\.io\/rev prod-stable without waiting for .*MutatingWebhookConfiguration::istio-revision-tag-prod-stable$/),
    ]);
  });

  test("renaming the release istiod replaces the control plane the tag points at", async () => {
    const renamed = await renderWithPatch("prod", "tests/program/fixtures/prod-istiod-renamed.yaml");
    expect(transitionProblems(injectionView(run(prod)), injectionView(renamed))).toEqual([
      expect.stringMatching(/^istio\.io\/rev 1-30-3 moves from .*Release::istio-istiod to .*Release::istio-istiod-1-30-3, not in place$/),
    ]);
  });
});
