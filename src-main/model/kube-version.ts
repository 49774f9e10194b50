// The Kubernetes version whose semantics Berth follows: one place for what the hooks' and
// probes' User-Agent, the node's kubelet version and the API's /version each say.
export const KUBERNETES_MAJOR = '1';
export const KUBERNETES_MINOR = '33';
/** `1.33`, as the kubelet writes it in `kube-probe/1.33`. */
export const KUBERNETES_MAJOR_MINOR = `${KUBERNETES_MAJOR}.${KUBERNETES_MINOR}`;
/** `v1.33.0`, as a kubelet reports itself in nodeInfo.kubeletVersion. */
export const KUBERNETES_RELEASE = `v${KUBERNETES_MAJOR_MINOR}.0`;
