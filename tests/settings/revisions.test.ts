import { parseSettings } from "../../settings";
import { revisionOf } from "../../settings/revisions";
import { problemsOf, withCriticalReceiver } from "../support/settingsProblems";

const stable = { name: "1-30-3", releaseName: "istiod" };
const canary = { name: "1-31-0", version: "1.31.0" };

describe("istio.revisions and istio.revisionTags: errors name the key", () => {
  test.each<[string, Record<string, unknown>, string]>([
    ["the replaced istio.revision key says how to write it now", { revision: "1-30-3" }, "istio.revision: replaced by istio.revisions: a stack installed with istio.revision R"],
    ["a list of tags says tags map to a revision", { revisions: [stable], revisionTags: ["prod-stable"] }, "istio.revisionTags: expected a map of revision tag to the revision it points at"],
    ["a tag pointing at a revision that does not run", { revisions: [stable], revisionTags: { "prod-stable": "1-31-0" } }, 'istio.revisionTags.prod-stable: expected a revision listed in istio.revisions (["1-30-3"]), got "1-31-0"'],
    ["the tag default", { revisions: [stable], revisionTags: { default: "1-30-3" } }, 'istio.revisionTags.default: expected a tag other than "default"'],
    ["a tag named like a revision", { revisions: [stable, canary], revisionTags: { "1-31-0": "1-30-3" }, injectionRevision: "1-30-3" }, 'istio.revisionTags.1-31-0: expected a tag that is not also a revision\'s name'],
    [
      "a tag the istiod chart still renders, moved to the stack in the same step",
      { revisions: [{ ...stable, chartRevisionTags: ["prod-stable"] }], revisionTags: { "prod-stable": "1-30-3" } },
      "istio.revisionTags.prod-stable: expected a tag the istiod chart does not already render (istio.revisions[0].chartRevisionTags[0] owns its webhook",
    ],
    ["a revision listed twice", { revisions: [stable, stable] }, 'istio.revisions[1].name: expected a revision not listed before, got "1-30-3" twice'],
    ["two revisions in one release", { revisions: [stable, { ...canary, releaseName: "istiod" }], injectionRevision: "1-30-3" }, 'istio.revisions[1].releaseName: expected a Helm release name no other revision uses, got "istiod" twice'],
    ["the revision default", { revisions: [{ name: "default" }] }, 'istio.revisions[0].name: expected a revision name other than "default"'],
    ["a chart version range", { revisions: [{ name: "1-31-0", version: "1.31.x" }] }, 'istio.revisions[0].version: expected an exact chart version such as "1.30.4", got "1.31.x"'],
    [
      "two tags and no injection revision",
      { revisions: [stable, canary], revisionTags: { "prod-stable": "1-30-3", "prod-canary": "1-31-0" } },
      'istio.injectionRevision: expected the revision or tag app namespaces use (one of ["1-30-3","1-31-0","prod-stable","prod-canary"]): with several revisions or tags there is no default, got nothing',
    ],
    ["a gateway revision nothing serves", { revisions: [stable], gatewayRevision: "prod-stable" }, 'istio.gatewayRevision: expected a revision or revision tag the stack serves (["1-30-3"]), got "prod-stable"'],
    ["an injection revision without any revision", { injectionRevision: "prod-stable" }, "istio.injectionRevision: expected a revision or revision tag the stack serves (nothing: istio.revisions is empty"],
  ])("%s", (_, istio, message) => {
    expect(problemsOf("prod", withCriticalReceiver({ istio }))).toEqual(expect.arrayContaining([expect.stringContaining(message)]));
  });

  test("a namespace trying a revision nothing serves, or one without injection", () => {
    const istio = { revisions: [stable], revisionTags: { "prod-stable": "1-30-3" } };
    expect(problemsOf("prod", withCriticalReceiver({ istio, namespaces: [{ name: "shop", revision: "prod-canary" }, { name: "batch", injection: false, revision: "1-30-3" }] }))).toEqual([
      'namespaces[0].revision: expected a revision or revision tag the stack serves (["1-30-3","prod-stable"]), got "prod-canary"',
      'namespaces[1].revision: expected no revision on a namespace without injection (namespaces[1].injection is false), got "1-30-3"',
    ]);
  });
});

describe("revision defaults", () => {
  test("one tag: namespaces and gateways use it, and the default validator follows the revision behind it", () => {
    const { istio } = parseSettings("prod", withCriticalReceiver({ istio: { revisions: [stable], revisionTags: { "prod-stable": "1-30-3" } } }));
    expect(istio).toMatchObject({ injectionRevision: "prod-stable", gatewayRevision: "prod-stable", defaultRevision: "1-30-3" });
    expect(istio.revisions).toEqual([{ name: "1-30-3", releaseName: "istiod", version: undefined, chartRevisionTags: [] }]);
  });

  test("a canary gets its own release, named after its revision", () => {
    const { istio } = parseSettings("prod", withCriticalReceiver({ istio: { revisions: [stable, canary], revisionTags: { "prod-stable": "1-31-0" }, injectionRevision: "prod-stable" } }));
    expect(istio.revisions[1]).toEqual({ name: "1-31-0", releaseName: "istiod-1-31-0", version: "1.31.0", chartRevisionTags: [] });
    expect(istio.defaultRevision).toBe("1-31-0");
  });

  test("the layout before program-owned tags: the chart's tag resolves to the revision that renders it", () => {
    const { istio } = parseSettings("prod", withCriticalReceiver({ istio: { revisions: [{ ...stable, chartRevisionTags: ["prod-stable"] }], gatewayRevision: "1-30-3" } }));
    expect(istio).toMatchObject({ injectionRevision: "prod-stable", gatewayRevision: "1-30-3", defaultRevision: "1-30-3" });
  });

  test("no revisions: the default revision, namespaces labelled istio-injection", () => {
    const { istio } = parseSettings("dev", {});
    expect(istio).toMatchObject({ revisions: [], revisionTags: {}, injectionRevision: undefined, gatewayRevision: undefined, defaultRevision: undefined });
  });

  test("revisionOf resolves revisions, the stack's tags and the chart's tags, and nothing else", () => {
    const settings = { revisions: [{ ...stable, chartRevisionTags: ["old-tag"] }, { ...canary, releaseName: "istiod-1-31-0", chartRevisionTags: [] }], revisionTags: { "prod-stable": "1-31-0" } };
    expect(["1-30-3", "old-tag", "prod-stable", "1-31-0", "unknown"].map((value) => revisionOf(settings, value))).toEqual(["1-30-3", "1-30-3", "1-31-0", "1-31-0", undefined]);
  });
});

describe("namespaces kept when the stack drops them", () => {
  test("prod retains namespaces holding state and protects app namespaces; dev and staging do neither", () => {
    expect(parseSettings("prod", withCriticalReceiver({})).kubernetes).toMatchObject({ retainNamespaces: true, protectAppNamespaces: true });
    for (const stack of ["dev", "staging"]) expect(parseSettings(stack, {}).kubernetes).toMatchObject({ retainNamespaces: false, protectAppNamespaces: false });
  });

  test("a stack may set either explicitly", () => {
    expect(parseSettings("staging", { kubernetes: { retainNamespaces: true, protectAppNamespaces: true } }).kubernetes).toMatchObject({ retainNamespaces: true, protectAppNamespaces: true });
    expect(problemsOf("prod", withCriticalReceiver({ kubernetes: { retainNamespaces: "yes" } }))).toEqual(['kubernetes.retainNamespaces: expected true or false, got "yes"']);
  });
});
