// Container resources: known resource names, non-negative quantities, requests ≤ limits.
import { mapKey, type Path } from '../path';
import { problems, type Reporter } from '../report';
import type { Quantity, ResourceRequirements } from '../../model';
import type { Draft } from '../draft';
import { qualifiedName } from './names';
import { quantityValue } from './quantity';

const STANDARD = new Set(['cpu', 'memory', 'ephemeral-storage']);

function isResourceName(name: string): boolean {
  if (STANDARD.has(name) || /^hugepages-/.test(name)) return true;
  // Extended resources (`nvidia.com/gpu`) are fully qualified.
  return name.includes('/') && qualifiedName(name).length === 0;
}

/** Checks a map of quantities (limits, requests, overhead). */
export function validateResourceList(list: Record<string, Quantity | undefined> | undefined, path: Path, r: Reporter): void {
  for (const [name, quantity] of Object.entries(list ?? {})) {
    const at: Path = [...path, mapKey(name)];
    if (!isResourceName(name)) {
      r.error(at, problems.invalid(name, 'must be a standard resource type (cpu, memory, ephemeral-storage, hugepages-<size>) or fully qualified'), 'key');
    }
    const value = quantity === undefined ? null : quantityValue(quantity);
    if (value !== null && value < 0) r.error(at, problems.invalid(quantity, 'must be greater than or equal to 0'));
  }
}

export function validateResources(res: Draft<ResourceRequirements> | undefined, path: Path, r: Reporter): void {
  if (!res) return;
  validateResourceList(res.limits, [...path, 'limits'], r);
  validateResourceList(res.requests, [...path, 'requests'], r);
  for (const [name, request] of Object.entries(res.requests ?? {})) {
    const limit = res.limits?.[name];
    if (request === undefined || limit === undefined) continue;
    const [req, lim] = [quantityValue(request), quantityValue(limit)];
    if (req !== null && lim !== null && req > lim) {
      r.error([...path, 'requests', mapKey(name)], problems.invalid(request, `must be less than or equal to ${name} limit of ${limit}`));
    }
  }
}
