import fc from "fast-check";
import { parseSettings } from "../../settings";
import { argocdTeamInput } from "../arbitraries/argocdTeamInput";
import { propertyRuns } from "../arbitraries/runs";
import { problemsOf, withCriticalReceiver } from "../support/settingsProblems";

const namespaces = [{ name: "shop" }, { name: "billing" }];
const team = {
  name: "storefront",
  namespaces: ["shop"],
  repositories: ["https://github.com/example/storefront-deploy.git"],
  applications: [{ name: "storefront", repository: "https://github.com/example/storefront-deploy.git", path: "overlays/dev", namespace: "shop" }],
};
const config = (argocd: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ namespaces, argocd: { enabled: true, teams: [team], ...argocd }, ...extra });
const application = (changes: Record<string, unknown>) => ({ teams: [{ ...team, applications: [{ ...team.applications[0], ...changes }] }] });

describe("argocd config errors name the key, the value found and what is allowed", () => {
  test("an Application whose namespace is not its team's", () => {
    expect(problemsOf("dev", config(application({ namespace: "billing" })))).toEqual([
      'argocd.teams[0].applications[0].namespace: expected one of argocd.teams[0].namespaces (["shop"]), got "billing"',
    ]);
  });
  test("a repository the team does not declare", () => {
    expect(problemsOf("dev", config(application({ repository: "https://github.com/example/other.git" })))).toEqual([
      'argocd.teams[0].applications[0].repository: expected one of argocd.teams[0].repositories (["https://github.com/example/storefront-deploy.git"]), got "https://github.com/example/other.git"',
    ]);
  });
  test("an automated sync in a production stack", () => {
    expect(problemsOf("prod", withCriticalReceiver(config(application({ syncPolicy: "automated" }))))).toEqual([
      'argocd.teams[0].applications[0].syncPolicy: expected "manual" in a production stack (argocd.production is true: a person syncs every change), got "automated"',
    ]);
  });
  test("a manual sync where argocd.production says the stack is not production, whatever its name", () => {
    expect(problemsOf("prod", withCriticalReceiver(config({ production: false, ...application({ syncPolicy: "manual" }) })))).toEqual([
      'argocd.teams[0].applications[0].syncPolicy: expected "automated" in a non-production stack (argocd.production is false: Argo CD syncs with prune and self-heal), got "manual"',
    ]);
  });
  test("a team namespace that is no app namespace, and one another team deploys to", () => {
    const second = { ...team, name: "payments", namespaces: ["shop", "ledger"], applications: [] };
    expect(problemsOf("dev", config({ teams: [team, second] }))).toEqual([
      'argocd.teams[1].namespaces[0]: expected a namespace no other team deploys to, got "shop" (team storefront\'s)',
      'argocd.teams[1].namespaces[1]: expected an app namespace declared in istio-mesh:namespaces (["shop","billing"]), got "ledger"',
    ]);
  });
  test("an ssh repository, which under REGISTRY_ONLY would need the Git server's IP addresses", () => {
    expect(problemsOf("dev", config({ teams: [{ ...team, repositories: ["git@github.com:example/deploy.git"] }] }))[0]).toMatch(/^argocd\.teams\[0\]\.repositories\[0\]: expected an https:\/\/ repository URL/);
  });
  test("a repository on a port other than 443, which the repo server's ServiceEntry does not open", () => {
    for (const url of ["https://git.example.com:8443/deploy.git", "https://git.example.com:99999/deploy.git"]) {
      expect(problemsOf("dev", config({ teams: [{ ...team, repositories: [url] }] }))[0]).toMatch(/^argocd\.teams\[0\]\.repositories\[0\]: expected an https:\/\/ repository URL on port 443/);
    }
    expect(problemsOf("dev", config({ teams: [{ ...team, repositories: [...team.repositories, "https://git.example.com:443/deploy.git"] }] }))).toEqual([]);
  });
  test("both or neither of path and chart", () => {
    expect(problemsOf("dev", config(application({ chart: "storefront" })))).toEqual([
      "argocd.teams[0].applications[0]: expected exactly one of path (a directory of the repository) and chart (a Helm chart of the repository), got both",
    ]);
  });
  test("a host the ingress does not serve, and the Argo CD namespace taken by an app namespace", () => {
    expect(problemsOf("dev", config({ host: "argocd.example.com", namespace: "shop" }))).toEqual([
      'argocd.namespace: expected a namespace of Argo CD\'s own, neither an app namespace nor one the platform owns, got "shop"',
      'argocd.host: expected a host served by mesh.ingress.hosts ([]), got "argocd.example.com"',
    ]);
  });
  test("keys of an installed Argo CD while configuring one that already runs", () => {
    expect(problemsOf("dev", config({ install: false, replicas: { server: 2 } }))).toEqual(['argocd.replicas: expected nothing while argocd.install is false (the existing instance\'s owner runs it), got {"server":2}']);
  });
  test("argocd keys while argocd is off", () => {
    expect(problemsOf("dev", { namespaces, argocd: { teams: [team] } })).toEqual(["argocd.enabled: expected true while other argocd keys are set (teams), got nothing"]);
  });
  test("the project name Argo CD keeps for itself", () => {
    expect(problemsOf("dev", config({ teams: [{ ...team, name: "default" }] }))).toEqual([
      'argocd.teams[0].name: expected a name other than "default" (Argo CD\'s own project, which allows every repository and namespace), got "default"',
    ]);
  });
  test("notifications while the receivers' Secret is someone else's", () => {
    expect(problemsOf("prod", withCriticalReceiver(config({ notifications: { enabled: true } })))).toEqual([
      "argocd.notifications.enabled: expected false while monitoring.alertmanager.receivers.secretName names an existing Secret (the stack writes Argo CD's copy of the receivers' URLs and keys from their secret config, which is then unset), got true",
    ]);
  });
});

describe("argocd defaults", () => {
  test("production follows the environment unless argocd.production says otherwise; Applications sync accordingly", () => {
    expect(parseSettings("dev", config({})).argocd.teams[0].applications[0].automated).toBe(true);
    const prod = parseSettings("eu-prod", withCriticalReceiver(config({}, { environment: "prod" }))).argocd;
    expect([prod.production, prod.highAvailability, prod.teams[0].applications[0].automated, prod.replicas.server]).toEqual([true, true, false, 2]);
    expect(parseSettings("eu-prod", withCriticalReceiver(config({ production: false }, { environment: "prod" }))).argocd.teams[0].applications[0].automated).toBe(true);
  });
  test("off by default", () => expect(parseSettings("dev", {}).argocd.enabled).toBe(false));
});

describe("generated argocd config", () => {
  const names = namespaces.map((namespace) => namespace.name);
  test("any team config whose Applications stay in their team's namespaces and repositories is accepted", () => {
    fc.assert(fc.property(argocdTeamInput(names), (argocd) => expect(problemsOf("dev", { namespaces, argocd })).toEqual([])), propertyRuns);
  });
  test("moving any Application out of its team's namespaces or repositories is an error naming that Application's key", () => {
    fc.assert(
      fc.property(argocdTeamInput(names), fc.nat(), fc.constantFrom("namespace", "repository"), (argocd, pick, field) => {
        const applications = argocd.teams[0].applications;
        const index = pick % applications.length;
        const outside = field === "namespace" ? "elsewhere" : "https://git.example.com/not-declared.git";
        const broken = { ...argocd, teams: [{ ...argocd.teams[0], applications: applications.map((app, i) => (i === index ? { ...app, [field]: outside } : app)) }] };
        expect(problemsOf("dev", { namespaces, argocd: broken })).toEqual([expect.stringMatching(new RegExp(`^argocd\\.teams\\[0\\]\\.applications\\[${index}\\]\\.${field}: expected one of`))]);
      }),
      propertyRuns,
    );
  });
});
