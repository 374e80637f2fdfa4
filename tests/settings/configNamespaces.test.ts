import * as pulumi from "@pulumi/pulumi";
import fc from "fast-check";
import { foreignConfigKeys, parseSettings, SettingsError } from "../../settings";
import { editDistance, nearest } from "../../settings/nearest";
import { propertyRuns } from "../arbitraries/runs";
import { renderWithConfig } from "../support/program";
import { problemsOf, withCriticalReceiver } from "../support/settingsProblems";

/** The problems of a stack config whose keys outside `istio-mesh:` are `foreignKeys`. */
function problemsWithForeignKeys(stack: string, config: Record<string, unknown>, foreignKeys: readonly string[]): string[] {
  try {
    parseSettings(stack, config, foreignKeys);
    return [];
  } catch (error) {
    if (error instanceof SettingsError) return [...error.problems];
    throw error;
  }
}

describe("config namespaces", () => {
  it.each([
    ["istio-mseh:istio", "istio-mesh:istio"],
    ["Istio-Mesh:mesh", "istio-mesh:mesh"],
    ["istiomesh:kubeconfig", "istio-mesh:kubeconfig"],
    ["kuberntes:context", "kubernetes:context"],
    ["kubernetse:enableServerSideApply", "kubernetes:enableServerSideApply"],
    ["pulumii:tags", "pulumi:tags"],
    ["plumi:disable-default-providers", "pulumi:disable-default-providers"],
  ])("%s is an error naming the key meant, %s", (key, meant) => {
    expect(problemsWithForeignKeys("dev", {}, [key])).toEqual([expect.stringContaining(`${key}: expected the namespace "${meant.split(":")[0]}" (did you mean ${meant}?)`)]);
  });

  it("leaves other namespaces alone: an ESC environment may bring a provider's keys", () => {
    expect(problemsWithForeignKeys("dev", {}, ["aws:region", "gcp:project", "azure-native:location", "kubernetes:context", "pulumi:tags", "random:length"])).toEqual([]);
  });

  it("never shows the value of a misspelt key, which may be a secret", () => {
    const [problem] = problemsWithForeignKeys("dev", {}, ["istio-mseh:grafanaAdminPassword"]);
    expect(problem).toBe('istio-mseh:grafanaAdminPassword: expected the namespace "istio-mesh" (did you mean istio-mesh:grafanaAdminPassword?): nothing reads a key under "istio-mseh", so it is an error');
  });

  it("reports a misspelt namespace together with the stack's other errors, one line each", () => {
    expect(problemsWithForeignKeys("dev", { istio: { istiod: { autoscaleMin: "two" } } }, ["istio-mseh:mesh"])).toEqual([
      expect.stringMatching(/^istio-mseh:mesh: expected the namespace "istio-mesh"/),
      'istio.istiod.autoscaleMin: expected an integer from 1 to 50, got "two"',
    ]);
  });

  it("stops the program as `pulumi up` runs it, which sees every key of the stack, with an error Pulumi prints without a stack trace", async () => {
    const run = renderWithConfig("prod", ({ "istio-mesh:istio": istio, ...rest }) => ({ ...rest, "istio-mseh:istio": istio }));
    const error = await run.then(() => undefined, (thrown: unknown) => thrown);

    expect(error).toBeInstanceOf(SettingsError);
    expect(pulumi.RunError.isInstance(error)).toBe(true);
    expect((error as SettingsError).problems).toEqual([expect.stringMatching(/^istio-mseh:istio: expected the namespace "istio-mesh"/)]);
  });

  it("lists the keys outside the project's namespace, sorted", () => {
    expect(foreignConfigKeys(["istio-mesh:istio", "pulumi:tags", "aws:region", "istio-mesh:mesh"])).toEqual(["aws:region", "pulumi:tags"]);
  });
});

describe("nearest names", () => {
  it("counts insertions, deletions and substitutions", () => {
    expect([editDistance("istio-mseh", "istio-mesh"), editDistance("kubernetes", "kubernetes"), editDistance("", "abc"), editDistance("tls13", "tls-13")]).toEqual([2, 0, 3, 1]);
  });

  it("finds a name one edit away from any candidate, and never the name itself", () => {
    const word = fc.string({ minLength: 3, maxLength: 12, unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz-") });
    fc.assert(
      fc.property(word, fc.nat(), fc.constantFrom(..."xyz0"), (candidate, position, inserted) => {
        const at = position % (candidate.length + 1);
        const typo = `${candidate.slice(0, at)}${inserted}${candidate.slice(at)}`;
        expect(editDistance(typo, candidate)).toBe(1);
        expect(editDistance(candidate, typo)).toBe(1);
        expect(nearest(typo, ["zzzzzzzzzzzzzzzzzzzz", candidate], 1)).toBe(candidate);
        expect(nearest(candidate, [candidate], 5)).toBeUndefined();
      }),
      propertyRuns,
    );
  });
});

describe("every config error at once: schema errors and the checks across keys together", () => {
  const invalidWeights = {
    services: [{ name: "api", namespace: "shop", subsets: [{ name: "a" }, { name: "b" }], routes: [{ name: "split", destinations: [{ subset: "a", weight: 90 }, { subset: "b", weight: 20 }] }] }],
  };

  it("a schema error in one section and a weight sum in another", () => {
    const problems = problemsOf("dev", { istio: { accessLog: "yes" }, namespaces: [{ name: "shop" }], mesh: invalidWeights });
    expect(problems).toEqual(['istio.accessLog: expected true or false, got "yes"', expect.stringMatching(/^mesh\.services\[0\]\.routes\[0\]\.destinations: expected weights .* summing to 100/)]);
  });

  it("a schema error and a weight sum in the same section", () => {
    const mesh = { ...invalidWeights, ingress: { httpsRedirect: "always" } };
    const problems = problemsOf("dev", { namespaces: [{ name: "shop" }], mesh });
    expect(problems).toEqual(['mesh.ingress.httpsRedirect: expected true or false, got "always"', expect.stringMatching(/^mesh\.services\[0\]\.routes\[0\]\.destinations: expected weights/)]);
  });

  it("a schema error inside one list entry and a weight sum in another entry", () => {
    const [split] = invalidWeights.services;
    const problems = problemsOf("dev", { namespaces: [{ name: "shop" }], mesh: { services: [{ name: "web", namespace: "shop", port: "eighty" }, { ...split }] } });
    expect(problems).toEqual(['mesh.services[0].port: expected an integer from 1 to 65535, got "eighty"', expect.stringMatching(/^mesh\.services\[1\]\.routes\[0\]\.destinations: expected weights/)]);
  });

  it("no check across keys reports on a section that failed its schema: a broken namespace list hides no mesh error and adds none", () => {
    const problems = problemsOf("dev", { namespaces: [{ name: "Shop!" }], mesh: { services: [{ name: "api", namespace: "shop" }] } });
    expect(problems).toEqual([expect.stringMatching(/^namespaces\[0\]\.name: expected a DNS label/)]);
  });

  it("an unknown top-level key near a known one suggests it and holds back the checks that would miss its values", () => {
    const problems = problemsOf("prod", withCriticalReceiver({ istoi: { revisions: [{ name: "1-30-3" }] }, namespaces: [{ name: "shop", revision: "1-30-3" }] }));
    expect(problems).toEqual([expect.stringMatching(/^istoi: expected one of the known keys \(.*\) \(did you mean istio\?\): an unknown key would be ignored/)]);
  });
});
