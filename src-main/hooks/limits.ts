// Limits shared by the lifecycle handlers and the probes, taken from the kubelet.
import { KUBERNETES_MAJOR_MINOR } from '../model';

/**
 * Output kept from an exec or an HTTP body: the kubelet's `maxRespBodyLength` (handlers.go,
 * probe/http) and `maxReadLength` (probe/exec), both `10 * 1 << 10`.
 */
export const MAX_OUTPUT_BYTES = 10 * 1024;

/**
 * The Kubernetes version Berth's User-Agent headers claim (`kube-lifecycle/1.33`,
 * `kube-probe/1.33`): the kubelet sends its own `<major>.<minor>`.
 */
export const KUBE_COMPAT_VERSION = KUBERNETES_MAJOR_MINOR;
