import { celRulesOf, crdVersions } from "../policy-pack/lib/istioCrds";
const seen = new Map<string, string[]>();
let total = 0;
for (const v of crdVersions()) { if (!v.storage && !["v1"].includes(v.version)) continue; }
const storage = crdVersions().filter((v) => v.storage);
for (const v of storage) for (const r of celRulesOf(v.schema)) { total++; const k = r.rule; seen.set(k, [...(seen.get(k) ?? []), `${v.kind}:${r.path}:${r.schema.type ?? ""}${r.schema["x-kubernetes-int-or-string"] ? "/ios" : ""}`]); }
console.log("storage-version rules", total, "unique", seen.size);
for (const [k, v] of seen) console.log(JSON.stringify(k), "\n   ", v.slice(0, 4).join(" | "), v.length);
