import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { argocdNotificationKeys } from "../../settings/argocd";
import { configValues, parseSettings, projectName, secretConfigKeys, type Settings } from "../../settings";
import { loadStackConfig } from "../../scripts/offline/stackConfig";
import type { ProgramRun, Registration } from "../../scripts/offline/mockEngine";
import { argocdObjectProblems, argocdReferenceAvailable } from "../support/argocdSchema";
import { renderWithConfig } from "../support/program";
import { projectDir, stacks } from "../support/project";
import { kubernetesObjects, ofType, releases } from "../support/registrations";
import { renderedStack } from "../support/renderedStacks";

/** dev, staging and prod as shipped: one team with one Application each, manual sync and HA in prod only. */

/** The stack file's settings, with every credential set (as `pulumi config set --secret` would). */
function stackSettings(stack: string): Settings {
  const credentials = Object.fromEntries(Object.keys(secretConfigKeys).map((key) => [`${projectName}:${key}`, "set"]));
  return parseSettings(stack, configValues({ ...credentials, ...loadStackConfig(projectDir, stack).config }, () => pulumi.secret("set")));
}

function policyConfig(stack: string): Record<string, Record<string, unknown>> {
  return JSON.parse(fs.readFileSync(path.join(projectDir, "policy-pack", "config", `${stack}.json`), "utf8")) as Record<string, Record<string, unknown>>;
}

const runs = new Map<string, ProgramRun>();
beforeAll(async () => {
  for (const stack of stacks) runs.set(stack, await renderedStack(stack));
}, 120_000);

const argoObjects = (run: ProgramRun, kind: string): Registration[] => ofType(run, `kubernetes:argoproj.io/v1alpha1:${kind}`);
const argocdValues = (run: ProgramRun) => releases(run).get("argocd")?.inputs.values as Record<string, Record<string, unknown>>;

describe.each(stacks)("stack %s", (stack) => {
  const run = () => runs.get(stack) as ProgramRun;

  test("one team with one Application, inside its AppProject", () => {
    const [project] = argoObjects(run(), "AppProject");
    const [application] = argoObjects(run(), "Application");
    expect(argoObjects(run(), "AppProject")).toHaveLength(1);
    expect(argoObjects(run(), "Application")).toHaveLength(1);
    const spec = application.inputs.spec as { project: string; destination: { namespace: string }; source: { repoURL: string } };
    const projectSpec = project.inputs.spec as { sourceRepos: string[]; destinations: Array<{ namespace: string }>; clusterResourceWhitelist: unknown[] };
    expect(spec.project).toBe((project.inputs.metadata as { name: string }).name);
    expect(projectSpec.sourceRepos).toContain(spec.source.repoURL);
    expect(projectSpec.destinations.map((destination) => destination.namespace)).toContain(spec.destination.namespace);
    expect(projectSpec.clusterResourceWhitelist).toEqual([]);
  });

  (argocdReferenceAvailable ? test : test.skip)("its Argo CD objects are valid against Argo CD v3.4.4's CRDs", () => {
    for (const object of [...argoObjects(run(), "AppProject"), ...argoObjects(run(), "Application")]) {
      expect(argocdObjectProblems(object.inputs as Record<string, unknown>)).toEqual([]);
    }
  });

  test("its policy config says production exactly where its stack config does, and grants what its teams are granted", () => {
    const settings = stackSettings(stack);
    const config = policyConfig(stack);
    expect(config["argocd-application-require-environment-sync-policy"]?.production).toBe(settings.argocd.production);
    const granted = Object.fromEntries(settings.argocd.teams.filter((team) => team.grants.length > 0).map((team) => [team.name, [...team.grants]]));
    expect(config["argocd-appproject-forbid-mesh-wide-kinds"]?.grants).toEqual(granted);
  });

  test("every Argo CD component has requests and limits", () => {
    const values = argocdValues(run());
    for (const component of ["controller", "server", "repoServer", "applicationSet", "notifications", "dex", "redisSecretInit"]) {
      expect(Object.keys((values[component].resources as Record<string, unknown>) ?? {}).sort()).toEqual(["limits", "requests"]);
    }
    const redis = values.redis.enabled ? [values.redis.resources] : ["redis", "sentinel", "haproxy"].map((part) => (values["redis-ha"][part] as Record<string, unknown>).resources);
    redis.forEach((resources) => expect(Object.keys(resources as Record<string, unknown>).sort()).toEqual(["limits", "requests"]));
  });

  test("istiod writes the analysis the health checks read, and argocd-cm has a check for every Istio kind the team may sync", () => {
    expect(((releases(run()).get("istiod")?.inputs.values as Record<string, Record<string, Record<string, unknown>>>).global.istiod).enableAnalysis).toBe(true);
    const cm = (argocdValues(run()).configs as Record<string, Record<string, string>>).cm;
    for (const kind of ["networking.istio.io_VirtualService", "networking.istio.io_DestinationRule", "security.istio.io_AuthorizationPolicy", "security.istio.io_RequestAuthentication"]) {
      expect(cm[`resource.customizations.health.${kind}`]).toContain("validationMessages");
    }
  });

  test("the repo server reaches exactly the declared repositories' hosts through a ServiceEntry seen by Argo CD's namespace alone", () => {
    const objects = kubernetesObjects(run());
    const entry = objects.get("ServiceEntry argocd/argocd-repo-server")?.inputs.spec as { hosts: string[]; exportTo: string[] };
    expect(entry.hosts).toEqual(["github.com"]);
    expect(entry.exportTo).toEqual(["."]);
    const sidecar = objects.get("Sidecar argocd/argocd-repo-server")?.inputs.spec as { egress: Array<{ hosts: string[] }> };
    expect(sidecar.egress[0].hosts).toContain("./github.com");
    const defaultSidecar = objects.get("Sidecar argocd/default")?.inputs.spec as { egress: Array<{ hosts: string[] }> };
    expect(defaultSidecar.egress[0].hosts).not.toContain("./github.com");
  });
});

describe("what differs between the stacks", () => {
  const spec = (stack: string) => argoObjects(runs.get(stack) as ProgramRun, "Application")[0].inputs.spec as { syncPolicy?: { automated?: unknown } };

  test("dev and staging sync automatically with prune and self-heal; prod has no automated sync", () => {
    expect(spec("dev").syncPolicy).toEqual({ automated: { prune: true, selfHeal: true } });
    expect(spec("staging").syncPolicy).toEqual({ automated: { prune: true, selfHeal: true } });
    expect(spec("prod").syncPolicy?.automated).toBeUndefined();
  });

  test("dev runs one of each and a single Redis; prod two of each with budgets and redis-ha", () => {
    const dev = argocdValues(runs.get("dev") as ProgramRun);
    const prod = argocdValues(runs.get("prod") as ProgramRun);
    for (const component of ["controller", "server", "repoServer", "applicationSet"]) {
      expect([dev[component].replicas, dev[component].pdb]).toEqual([1, { enabled: false }]);
      expect([prod[component].replicas, prod[component].pdb]).toEqual([2, { enabled: true, minAvailable: 1 }]);
    }
    expect([dev.redis.enabled, dev["redis-ha"].enabled]).toEqual([true, false]);
    expect([prod.redis.enabled, prod["redis-ha"].enabled]).toEqual([false, true]);
  });

  test("prod's notifications reach PagerDuty for Degraded Istio objects and Slack for both events, from a Secret the stack writes", () => {
    const run = runs.get("prod") as ProgramRun;
    const [application] = argoObjects(run, "Application");
    expect((application.inputs.metadata as { annotations: Record<string, string> }).annotations).toEqual({
      "notifications.argoproj.io/subscribe.istio-mesh-istio-degraded.istio-mesh-pagerduty": "istio-mesh",
      "notifications.argoproj.io/subscribe.istio-mesh-sync-failed.istio-mesh-slack": "",
      "notifications.argoproj.io/subscribe.istio-mesh-istio-degraded.istio-mesh-slack": "",
    });
    expect(kubernetesObjects(run).has("Secret argocd/argocd-notifications-secret")).toBe(true);
    const written = stackSettings("prod").argocd.notifications.secret;
    expect(Object.keys(written?.data ?? {}).sort()).toEqual([argocdNotificationKeys.pagerDuty, argocdNotificationKeys.slack].sort());
    expect(pulumi.Output.isInstance(written?.data[argocdNotificationKeys.pagerDuty])).toBe(true);
    const notifications = argocdValues(run).notifications;
    expect(notifications.secret).toEqual({ create: false, name: "argocd-notifications-secret" });
    expect(JSON.stringify(notifications)).not.toMatch(/hooks\.slack\.com\/services|routing_key/);
    expect(argoObjects(runs.get("dev") as ProgramRun, "Application")[0].inputs.metadata).not.toHaveProperty("annotations");
  });
});

describe("an Argo CD that already runs (argocd.install: false)", () => {
  let run: ProgramRun;
  beforeAll(async () => {
    run = await renderWithConfig("dev", (config) => {
      const argocd = JSON.parse(config["istio-mesh:argocd"]) as Record<string, unknown>;
      return { ...config, "istio-mesh:argocd": JSON.stringify({ ...argocd, install: false, host: undefined, namespace: "gitops" }) };
    });
  }, 60_000);

  test("the stack installs no release and owns only its keys of the instance's argocd-cm, by server-side-apply patches", () => {
    expect(releases(run).has("argocd")).toBe(false);
    const [patch] = ofType(run, "kubernetes:core/v1:ConfigMapPatch");
    expect(patch.inputs.metadata).toEqual({ name: "argocd-cm", namespace: "gitops" });
    expect(Object.keys(patch.inputs.data as Record<string, string>).every((key) => key.startsWith("resource.customizations.health."))).toBe(true);
    expect(ofType(run, "kubernetes:core/v1:NamespacePatch")[0].inputs.metadata).toEqual({ name: "gitops", labels: { "istio-injection": "enabled" } });
  });

  test("the teams' objects go into the instance's namespace and wait for the patch", () => {
    const [patch] = ofType(run, "kubernetes:core/v1:ConfigMapPatch");
    const [application] = argoObjects(run, "Application");
    expect((application.inputs.metadata as { namespace: string }).namespace).toBe("gitops");
    expect(application.dependsOn).toContain(patch.urn);
    expect(kubernetesObjects(run).has("AuthorizationPolicy gitops/argocd-repo-server")).toBe(true);
  });
});
