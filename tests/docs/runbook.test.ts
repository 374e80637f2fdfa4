import * as fs from "fs";
import * as path from "path";
import { certificateAlertRules, istioAlertRules } from "../../components/addons/alertRules";
import { parseSettings } from "../../settings";
import { defaultRunbookBaseUrl, repositoryWebUrl } from "../../settings/alerting";
import { projectDir } from "../support/project";

/** Every alert links a runbook section that says what it means and the first commands to run. */

const runbookFile = "docs/runbook.md";
const runbook = fs.readFileSync(path.join(projectDir, runbookFile), "utf8");

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens. */
const githubAnchor = (heading: string) => heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, "").replace(/\s/g, "-");

/** `## ` sections of the runbook by anchor. */
const sections = new Map(
  runbook
    .split(/^## /m)
    .slice(1)
    .map((section) => [githubAnchor(section.split("\n")[0]), section] as const),
);

const thresholds = parseSettings("staging", {}).monitoring.alerts;
const rules = [...istioAlertRules(thresholds), ...certificateAlertRules(thresholds)];

describe.each(rules.map((rule) => [rule.alert, rule] as const))("%s", (_alert, rule) => {
  const [base, anchor] = rule.annotations.runbook_url.split("#");

  test("its runbook_url points at a section of docs/runbook.md", () => {
    expect(base).toBe(defaultRunbookBaseUrl);
    expect(base.endsWith(`/${runbookFile}`)).toBe(true);
    expect([...sections.keys()]).toContain(anchor);
  });

  test("the section says what the alert means, and gives at least three commands to run first", () => {
    const section = sections.get(anchor) ?? "";
    expect(section).toContain("What it means");
    expect(section).toContain(`**Severity ${rule.labels.severity}.**`);
    const commands = (/```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? "").split("\n").filter((line) => line.trim() !== "" && !line.trim().startsWith("#"));
    expect(commands.length).toBeGreaterThanOrEqual(3);
  });
});

test("the runbook has no section for an alert that does not exist, and one for failures before any alert", () => {
  const [symptoms, ...alertSections] = [...sections.keys()];
  expect(symptoms).toBe("before-any-alert-fires");
  expect(alertSections.sort()).toEqual(rules.map((rule) => githubAnchor(rule.alert)).sort());
});

test("the default base is this repository's runbook as package.json names the repository; the config key replaces it", () => {
  const { repository } = JSON.parse(fs.readFileSync(path.join(projectDir, "package.json"), "utf8")) as { repository: { url: string } };
  expect(defaultRunbookBaseUrl).toBe(`${repositoryWebUrl(repository)}/blob/main/${runbookFile}`);
  expect(defaultRunbookBaseUrl).toMatch(/^https:\/\//);
  const configured = parseSettings("staging", { monitoring: { alerts: { runbookBaseUrl: "https://wiki.example.com/mesh/runbook" } } }).monitoring.alerts;
  expect(istioAlertRules(configured)[0].annotations.runbook_url).toBe("https://wiki.example.com/mesh/runbook#istiohigherrorrate");
});

test.each([
  ["github:acme/mesh", "https://github.com/acme/mesh"],
  ["acme/mesh", "https://github.com/acme/mesh"],
  ["git+https://github.com/acme/mesh.git", "https://github.com/acme/mesh"],
  ["git@github.com:acme/mesh.git", "https://github.com/acme/mesh"],
])("package.json's repository %s is the web address %s", (repository, web) => {
  expect(repositoryWebUrl(repository)).toBe(web);
  expect(repositoryWebUrl({ url: repository })).toBe(web);
});
