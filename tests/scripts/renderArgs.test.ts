import { parseRenderArgs, UsageError } from "../../scripts/offline/renderArgs";

describe("parseRenderArgs", () => {
  it("reads --stack alone with the gate on and JSON off", () => {
    expect(parseRenderArgs(["--stack", "dev"])).toEqual({ stack: "dev", outDir: undefined, json: false, policy: true });
  });

  it("reads every option, in either --flag value or --flag=value form", () => {
    expect(parseRenderArgs(["--json", "--out=rendered", "--no-policy", "--stack", "prod", "--config-patch=upgrades/canary/1-install-canary.yaml"])).toEqual({
      stack: "prod",
      outDir: "rendered",
      configPatch: "upgrades/canary/1-install-canary.yaml",
      json: true,
      policy: false,
    });
  });

  it.each([
    [[], "--stack is required"],
    [["--stack"], "--stack needs a value"],
    [["--stack", "--json"], "--stack needs a value"],
    [["--stack", "dev", "--stack", "prod"], "--stack is given twice"],
    [["--stack", "dev", "--yes"], "unknown option --yes"],
    [["--stak", "dev"], "unknown option --stak (did you mean --stack?)"],
    [["-stack", "dev"], "unknown option -stack (did you mean --stack?)"],
    [["--stack", "dev", "--no-polcy"], "unknown option --no-polcy (did you mean --no-policy?)"],
    [["--stack", "dev", "prod"], 'unexpected argument "prod"'],
    [["--stack", "dev", "--config-patch"], "--config-patch needs a value"],
  ])("rejects %j: %s", (argv, problem) => {
    expect(() => parseRenderArgs(argv)).toThrow(UsageError);
    expect(() => parseRenderArgs(argv)).toThrow(`${problem}\nusage: npm run render -- --stack <name>`);
  });
});
