import { evaluatePolicies, loadPolicyConfig } from "../policy-pack/offline";
import { syntheticMesh } from "../tests/support/syntheticMesh";
(async () => {
  const r = syntheticMesh(["app-0", "app-1"]);
  const v = await evaluatePolicies(r, loadPolicyConfig("prod"));
  for (const x of v) console.log(x.policyName, x.enforcementLevel, x.message.split("\n")[1]?.slice(0, 200));
  const { policies } = require("../policy-pack/policies/index");
  const big = syntheticMesh(Array.from({ length: 800 }, (_, i) => `app-${i}`));
  for (const p of policies) {
    const t = Date.now();
    await evaluatePolicies(big, { all: "disabled", [p.name]: { enforcementLevel: "advisory" } });
    const ms = Date.now() - t;
    if (ms > 150) console.log(ms, p.name);
  }
})();
