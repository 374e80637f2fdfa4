import * as path from "path";
import { parseAnalyzeArgs } from "../../../scripts/analysis/analyzeArgs";
import { UsageError } from "../../../scripts/offline/renderArgs";

describe("parseAnalyzeArgs", () => {
  test("--stack alone writes below reports/analyze/<stack> of the project", () => {
    expect(parseAnalyzeArgs(["--stack", "prod"], "/repo")).toEqual({ stack: "prod", outDir: path.resolve("/repo/reports/analyze/prod"), json: false });
  });

  test("--out and --json, in either form", () => {
    expect(parseAnalyzeArgs(["--json", "--out=/tmp/analysis", "--stack=dev"], "/repo")).toEqual({ stack: "dev", outDir: "/tmp/analysis", json: true });
  });

  test.each([
    [[], "--stack is required"],
    [["--stack"], "--stack needs a value"],
    [["--stack", "dev", "--no-policy"], "unknown option --no-policy"],
  ])("rejects %j: %s, with the analyze usage line", (argv, problem) => {
    expect(() => parseAnalyzeArgs(argv, "/repo")).toThrow(UsageError);
    expect(() => parseAnalyzeArgs(argv, "/repo")).toThrow(`${problem}\nusage: npm run analyze -- --stack <name>`);
  });
});
