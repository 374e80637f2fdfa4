import { policies } from "../policy-pack/policies";
const existing = new Set(require("fs").readFileSync("policy-pack/README.md", "utf8").match(/`istio-[a-z0-9-]+`/g).map((s: string) => s.slice(1, -1)));
for (const p of policies) if (!existing.has(p.name)) console.log(p.name, p.enforcementLevel);
