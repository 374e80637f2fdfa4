import { celEnv, celFunc, celMethod, CelScalar, isCelError, parse, plan } from "@bufbuild/cel";
import { strings } from "@bufbuild/cel/ext";
const env = celEnv({ funcs: [...strings, celFunc("isURL", [CelScalar.STRING], CelScalar.BOOL, (s: string) => s.startsWith("/")), celMethod("getScheme", CelScalar.STRING, [], CelScalar.STRING, function (this: string) { return this.split(":")[0]; })] });
const p = plan(env, parse("isURL(self) && self.getScheme() == 'x'"));
console.log(p({ self: "/x" } as never), p({ self: "x" } as never));
const q = plan(env, parse("duration(self) >= duration('1ms')"));
const r = q({ self: "abc" } as never); console.log(isCelError(r), (r as Error).message);
