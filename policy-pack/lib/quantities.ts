/** Kubernetes resource quantities, enough for CPU and memory bounds. */

const cpuPattern = /^(\d+(?:\.\d+)?)(m?)$/;
const memoryPattern = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?$/;
const memoryFactors: Record<string, number> = {
  "": 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  Ki: 1024,
  Mi: 1024 ** 2,
  Gi: 1024 ** 3,
  Ti: 1024 ** 4,
};

/** Millicores of a CPU quantity (`500m`, `1`, `1.5`), or undefined when it isn't one. */
export function cpuMillicores(value: unknown): number | undefined {
  const match = cpuPattern.exec(String(value ?? ""));
  if (!match || value === undefined || value === null) {
    return undefined;
  }
  return match[2] === "m" ? Number(match[1]) : Number(match[1]) * 1000;
}

/** Bytes of a memory quantity (`512Mi`, `2Gi`, `1G`), or undefined when it isn't one. */
export function memoryBytes(value: unknown): number | undefined {
  const match = memoryPattern.exec(String(value ?? ""));
  if (!match || value === undefined || value === null) {
    return undefined;
  }
  return Number(match[1]) * memoryFactors[match[2] ?? ""];
}
