import { existsSync, readdirSync, readFileSync } from "fs";
import * as path from "path";
import { parse } from "yaml";

/**
 * The GitHub workflows mean what docs/ci.md says: every pull request (forks included) runs `.ci/run` itself,
 * previews and deploys reach the cluster only through the documented secrets and variables, and the actions stay
 * at their current majors. GitHub is not here to run them; this reads them as GitHub would.
 */
const root = path.resolve(__dirname, "../..");
const workflowDir = path.join(root, ".github/workflows");

type Step = { uses?: string; run?: string; with?: Record<string, unknown>; if?: string };
type Job = { uses?: string; if?: string; needs?: string | string[]; steps?: Step[]; environment?: string; with?: Record<string, unknown>; strategy?: { matrix?: { include?: Record<string, string>[] } } };
type Workflow = { on: Record<string, unknown>; jobs: Record<string, Job> };

const workflows = Object.fromEntries(readdirSync(workflowDir).map((file) => [file, parse(readFileSync(path.join(workflowDir, file), "utf8")) as Workflow]));
const clusterAccess = parse(readFileSync(path.join(root, ".github/actions/cluster-access/action.yml"), "utf8")) as { runs: { steps: Step[] } };
const allText = [...readdirSync(workflowDir).map((file) => path.join(workflowDir, file)), path.join(root, ".github/actions/cluster-access/action.yml")]
  .map((file) => readFileSync(file, "utf8"))
  .join("\n");
const ciDoc = readFileSync(path.join(root, "docs/ci.md"), "utf8");

/** The majors current when these workflows were written (actions/checkout v7.0.1, setup-node v7.0.0, setup-go v7.0.0, pulumi/actions v7: Node 24). */
const currentMajors: Record<string, string> = { "actions/checkout": "v7", "actions/setup-node": "v7", "actions/setup-go": "v7", "pulumi/actions": "v7" };

const steps = [...Object.values(workflows).flatMap((workflow) => Object.values(workflow.jobs).flatMap((job) => job.steps ?? [])), ...clusterAccess.runs.steps];

describe("the GitHub workflows", () => {
  it("use every action at its current major", () => {
    const external = steps.flatMap((step) => (step.uses && !step.uses.startsWith("./") ? [step.uses] : []));
    expect(external.length).toBeGreaterThan(5);
    for (const uses of external) {
      const [action, version] = uses.split("@");
      expect([action, version]).toEqual([action, currentMajors[action]]);
    }
  });

  it("check runs .ci/run itself, with no secret, so a green check means the same as `bash .ci/run`", () => {
    const check = workflows["check.yml"];
    expect(Object.keys(check.on)).toEqual(["workflow_call"]);
    const runs = Object.values(check.jobs).flatMap((job) => (job.steps ?? []).flatMap((step) => (step.run ? [step.run.trim()] : [])));
    expect(runs).toEqual(["bash .ci/run"]);
    expect(readFileSync(path.join(workflowDir, "check.yml"), "utf8")).not.toMatch(/secrets\./);
  });

  it("every pull request runs the check, forks included; only the preview, which needs secrets, skips forks", () => {
    const { jobs } = workflows["preview.yml"];
    expect(jobs.check).toEqual({ uses: "./.github/workflows/check.yml" });
    expect(jobs.preview.needs).toBe("check");
    expect(jobs.preview.if).toBe("github.event.pull_request.head.repo.full_name == github.repository");
    expect(jobs.fork.if).toBe("github.event.pull_request.head.repo.full_name != github.repository");
    expect(JSON.stringify(jobs.fork.steps)).toContain("no secrets");
  });

  it("deploys staging, then prod in the production environment, after the check", () => {
    const { jobs } = workflows["deploy.yml"];
    expect(jobs.check.uses).toBe("./.github/workflows/check.yml");
    expect([jobs.staging.needs, jobs.staging.with]).toEqual(["check", { stack: "staging", environment: "staging" }]);
    expect([jobs.prod.needs, jobs.prod.with]).toEqual(["staging", { stack: "prod", environment: "production" }]);
    expect(workflows["up.yml"].jobs.up.environment).toBe("${{ inputs.environment }}");
  });

  it("gate every preview and deploy with the policy pack and the stack's policy config", () => {
    const pulumiSteps = steps.filter((step) => step.uses === "pulumi/actions@v7" && step.with?.command !== undefined);
    expect(pulumiSteps.map((step) => step.with?.command).sort()).toEqual(["preview", "up"]);
    for (const step of pulumiSteps) expect(step.with).toMatchObject({ policyPacks: "policy-pack", policyPackConfigs: expect.stringMatching(/^policy-pack\/config\/\$\{\{ (matrix|inputs)\.stack \}\}\.json$/) });
  });

  it("name only stacks that have a stack file and a policy config, and never preview dev's laptop cluster", () => {
    const previewed = (workflows["preview.yml"].jobs.preview.strategy?.matrix?.include ?? []).map((entry) => entry.stack);
    const deployed = Object.values(workflows["deploy.yml"].jobs).flatMap((job) => (typeof job.with?.stack === "string" ? [job.with.stack] : []));
    expect(previewed).toEqual(["staging", "prod"]);
    expect(deployed).toEqual(["staging", "prod"]);
    for (const stack of [...previewed, ...deployed]) {
      expect([stack, existsSync(path.join(root, `Pulumi.${stack}.yaml`)), existsSync(path.join(root, `policy-pack/config/${stack}.json`))]).toEqual([stack, true, true]);
    }
  });

  it("read only secrets and variables docs/ci.md lists", () => {
    const matrixNames = (workflows["preview.yml"].jobs.preview.strategy?.matrix?.include ?? []).flatMap((entry) => [entry.secret, entry.context]);
    const named = [...allText.matchAll(/\b(?:secrets|vars)\.([A-Z][A-Z0-9_]+)/g)].map((match) => match[1]);
    const names = [...new Set([...named, ...matrixNames])];
    expect(names).toEqual(expect.arrayContaining(["PULUMI_ACCESS_TOKEN", "KUBECONFIG", "CLUSTER_ACCESS", "PULUMI_ORG", "PREVIEW_KUBECONFIG_PROD"]));
    for (const name of names) expect([name, ciDoc.includes(`\`${name}\``)]).toEqual([name, true]);
    for (const environment of ["staging", "production"]) expect(ciDoc).toContain(`environment \`${environment}\``);
  });
});
