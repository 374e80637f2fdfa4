import fc from "fast-check";
import { policies } from "../../policy-pack/policies";
import { meshStack } from "../arbitraries/meshStack";
import { propertyRuns } from "../arbitraries/runs";
import { runPolicies } from "../support/policyHarness";
import { syntheticMesh } from "../support/syntheticMesh";

describe("the whole pack on a valid mesh", () => {
  it("reports nothing for a two-namespace mesh under every policy", async () => {
    expect((await runPolicies(policies, syntheticMesh(["shop", "billing"]))).map((v) => v.message)).toEqual([]);
  });

  it("reports nothing from any stack policy for any generated valid mesh", async () => {
    const stackPolicies = policies.filter((policy) => "validateStack" in policy);
    await fc.assert(
      fc.asyncProperty(meshStack(), async ({ resources }) => {
        expect((await runPolicies(stackPolicies, resources)).map((v) => v.message)).toEqual([]);
      }),
      propertyRuns,
    );
  });
});
