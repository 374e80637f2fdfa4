/** Kubernetes resource quantities (`500m`, `2`, `512Mi`, `2Gi`), parsed to millicores and bytes for bounds checks. */

const cpuPattern = /^(\d+(?:\.\d+)?)(m?)$/;
const memoryPattern = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?$/;

const memoryUnits: Readonly<Record<string, number>> = {
  "": 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
};

/** Millicores of a CPU quantity, or undefined when it is not one. */
export function parseCpuMillicores(quantity: string): number | undefined {
  const match = cpuPattern.exec(quantity);
  if (!match) return undefined;
  const value = Number(match[1]);
  return match[2] === "m" ? value : value * 1000;
}

/** Bytes of a memory quantity, or undefined when it is not one. */
export function parseMemoryBytes(quantity: string): number | undefined {
  const match = memoryPattern.exec(quantity);
  if (!match) return undefined;
  return Number(match[1]) * memoryUnits[match[2] ?? ""];
}
