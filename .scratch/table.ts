import * as fs from "fs";
import { policyChecks, undecidableCodes } from "../policy-pack/istioctlCoverage";
const gen = fs.readFileSync("/root/go/pkg/mod/istio.io/istio@v0.0.0-20260826214018-9739e10eb9d7/pkg/config/analysis/msg/messages.gen.go", "utf8");
const msgs = [...gen.matchAll(/\t(\w+) = diag\.NewMessageType\(diag\.(\w+), "(IST\d{4})"/g)].map((m) => ({ name: m[1], level: m[2], code: m[3] })).sort((a, b) => a.code.localeCompare(b.code));
for (const m of msgs) {
  const policies = Object.entries(policyChecks).filter(([, checks]) => checks.some((c) => c.code === m.code)).map(([p]) => `\`${p}\``);
  const cover = policies.length ? policies.join(", ") : `not decidable before deploy: ${undecidableCodes[m.code] ?? "??"}`;
  console.log(`| ${m.code} | ${m.name} | ${m.level} | ${cover} |`);
}
