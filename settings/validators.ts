import { isIP } from "net";
import { z } from "zod";
import { parseCpuMillicores, parseMemoryBytes } from "./quantity";

/** Building blocks for the stack config schemas, each with a message that says what is allowed. */

export function integer(min: number, max?: number) {
  const expected = max === undefined ? `expected an integer >= ${min}` : `expected an integer from ${min} to ${max}`;
  const atLeast = z.int({ error: expected }).min(min, { error: expected });
  return max === undefined ? atLeast : atLeast.max(max, { error: expected });
}

export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: `expected one of ${values.map((value) => JSON.stringify(value)).join(", ")}` });
}

export const boolean = z.boolean({ error: "expected true or false" });

const dnsLabelPattern = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
export const dnsLabel = z
  .string({ error: "expected a DNS label (lowercase letters, digits and '-', at most 63 characters)" })
  .regex(dnsLabelPattern, { error: "expected a DNS label (lowercase letters, digits and '-', at most 63 characters)" });

export const nonEmptyString = z.string({ error: "expected a non-empty string" }).min(1, { error: "expected a non-empty string" });

/** Kubernetes takes a bare number as a quantity (`cpu: 1`, and `pulumi config set --path` stores `1` as a number). */
const numberAsQuantity = (value: unknown): unknown => (typeof value === "number" && Number.isFinite(value) ? String(value) : value);

export const cpuQuantity = z.preprocess(
  numberAsQuantity,
  z
    .string({ error: "expected a CPU quantity such as \"500m\" or \"2\"" })
    .refine((value) => parseCpuMillicores(value) !== undefined, { error: "expected a CPU quantity such as \"500m\" or \"2\"" }),
);

export const memoryQuantity = z.preprocess(
  numberAsQuantity,
  z
    .string({ error: "expected a memory quantity such as \"512Mi\" or \"2Gi\"" })
    .refine((value) => parseMemoryBytes(value) !== undefined, { error: "expected a memory quantity such as \"512Mi\" or \"2Gi\"" }),
);

const labelKeyPattern = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const labelValuePattern = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;
export const labels = z.record(
  z.string().regex(labelKeyPattern, { error: "expected a Kubernetes label key" }),
  z.string({ error: "expected a label value string" }).regex(labelValuePattern, { error: "expected a Kubernetes label value (at most 63 characters: letters, digits, '-', '_', '.')" }),
  { error: "expected a map of Kubernetes labels" },
);

export const computeResources = z.strictObject(
  {
    requests: z.strictObject({ cpu: cpuQuantity.optional(), memory: memoryQuantity.optional() }).optional(),
    limits: z.strictObject({ cpu: cpuQuantity.optional(), memory: memoryQuantity.optional() }).optional(),
  },
  { error: "expected an object with requests and limits" },
);
export type ComputeResourcesInput = z.infer<typeof computeResources>;

/** An IPv4 or IPv6 address, or a CIDR block of either (`10.0.0.0/8`): what a ServiceEntry's `addresses` take. */
export const ipAddressOrCidr = z.string({ error: "expected an IP address or CIDR block such as \"10.0.0.5\" or \"10.0.0.0/24\"" }).refine(
  (value) => {
    const [address, prefix, ...rest] = value.split("/");
    const family = isIP(address);
    if (family === 0 || rest.length > 0) return false;
    return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
  },
  { error: "expected an IP address or CIDR block such as \"10.0.0.5\" or \"10.0.0.0/24\"" },
);
