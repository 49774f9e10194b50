// The Kubernetes objects Berth imports, with the Kubernetes API's own field names.
// These describe objects AFTER validation and defaulting: a field the API server always
// defaults (e.g. `imagePullPolicy`) is required here; everything else stays optional.

/** A resource quantity as written (`100m`, `1Gi`, `0.5`); numbers are kept as numbers. */
export type Quantity = string | number;
/** Kubernetes IntOrString (ports: a number or a port name). */
export type IntOrString = number | string;

export interface ObjectMeta {
  name: string;
  /** Absent only on cluster-scoped objects (RuntimeClass). */
  namespace?: string;
  /** Never set by the importer: the app assigns it when the pod is applied. */
  uid?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface LocalObjectReference {
  name: string;
}

// ---- Container ----

export interface ExecAction {
  command: string[];
}

export interface HTTPHeader {
  name: string;
  value: string;
}

export interface HTTPGetAction {
  path: string;
  port: IntOrString;
  host?: string;
  scheme: 'HTTP' | 'HTTPS';
  httpHeaders?: HTTPHeader[];
}

export interface TCPSocketAction {
  port: IntOrString;
  host?: string;
}

export interface SleepAction {
  seconds: number;
}

export interface GRPCAction {
  port: number;
  service?: string;
}

/** A postStart/preStop handler: exactly one of the actions is set. */
export interface LifecycleHandler {
  exec?: ExecAction;
  httpGet?: HTTPGetAction;
  tcpSocket?: TCPSocketAction;
  sleep?: SleepAction;
}

export interface Lifecycle {
  postStart?: LifecycleHandler;
  preStop?: LifecycleHandler;
  /** A signal name as Kubernetes lists them (`SIGTERM`, `SIGRTMIN+3`, ...). */
  stopSignal?: string;
}

export interface Probe {
  exec?: ExecAction;
  httpGet?: HTTPGetAction;
  tcpSocket?: TCPSocketAction;
  grpc?: GRPCAction;
  initialDelaySeconds?: number;
  timeoutSeconds: number;
  periodSeconds: number;
  successThreshold: number;
  failureThreshold: number;
  terminationGracePeriodSeconds?: number;
}

export type Protocol = 'TCP' | 'UDP' | 'SCTP';

export interface ContainerPort {
  name?: string;
  containerPort: number;
  hostPort?: number;
  hostIP?: string;
  protocol: Protocol;
}

export interface ObjectFieldSelector {
  apiVersion: string;
  fieldPath: string;
}

export interface ResourceFieldSelector {
  containerName?: string;
  resource: string;
  divisor?: Quantity;
}

export interface KeySelector {
  name: string;
  key: string;
  optional?: boolean;
}

export interface EnvVarSource {
  fieldRef?: ObjectFieldSelector;
  resourceFieldRef?: ResourceFieldSelector;
  configMapKeyRef?: KeySelector;
  secretKeyRef?: KeySelector;
}

export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: EnvVarSource;
}

export interface EnvFromRef {
  name: string;
  optional?: boolean;
}

export interface EnvFromSource {
  prefix?: string;
  configMapRef?: EnvFromRef;
  secretRef?: EnvFromRef;
}

export interface ResourceRequirements {
  limits?: Record<string, Quantity>;
  requests?: Record<string, Quantity>;
}

export interface VolumeMount {
  name: string;
  mountPath: string;
  subPath?: string;
  readOnly?: boolean;
}

export interface Capabilities {
  add?: string[];
  drop?: string[];
}

// The security fields below the line Berth does not apply to containers (it warns that it
// ignores them), but keeps as written: the Pod Security check reads them (kube/security).

export interface SELinuxOptions {
  user?: string;
  role?: string;
  type?: string;
  level?: string;
}

export interface WindowsSecurityContextOptions {
  gmsaCredentialSpecName?: string;
  gmsaCredentialSpec?: string;
  runAsUserName?: string;
  hostProcess?: boolean;
}

/** seccompProfile and appArmorProfile: a type, and the profile's name when it is `Localhost`. */
export interface SecurityProfile {
  type: string;
  localhostProfile?: string;
}

export interface Sysctl {
  name: string;
  value: string;
}

export interface SecurityContext {
  runAsUser?: number;
  runAsGroup?: number;
  runAsNonRoot?: boolean;
  privileged?: boolean;
  readOnlyRootFilesystem?: boolean;
  allowPrivilegeEscalation?: boolean;
  capabilities?: Capabilities;
  // ---- kept, not applied
  seLinuxOptions?: SELinuxOptions;
  windowsOptions?: WindowsSecurityContextOptions;
  procMount?: string;
  seccompProfile?: SecurityProfile;
  appArmorProfile?: SecurityProfile;
}

export type PullPolicy = 'Always' | 'IfNotPresent' | 'Never';

export interface Container {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  workingDir?: string;
  ports?: ContainerPort[];
  env?: EnvVar[];
  envFrom?: EnvFromSource[];
  resources?: ResourceRequirements;
  volumeMounts?: VolumeMount[];
  lifecycle?: Lifecycle;
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  startupProbe?: Probe;
  terminationMessagePath: string;
  terminationMessagePolicy: 'File' | 'FallbackToLogsOnError';
  imagePullPolicy: PullPolicy;
  securityContext?: SecurityContext;
  stdin?: boolean;
  stdinOnce?: boolean;
  tty?: boolean;
  /** Only `Always`, and only on init containers: marks a sidecar. */
  restartPolicy?: 'Always';
}

// ---- Volumes ----

export interface KeyToPath {
  key: string;
  path: string;
  mode?: number;
}

export interface EmptyDirVolumeSource {
  medium?: '' | 'Memory';
  sizeLimit?: Quantity;
}

export type HostPathType =
  | ''
  | 'DirectoryOrCreate'
  | 'Directory'
  | 'FileOrCreate'
  | 'File'
  | 'Socket'
  | 'CharDevice'
  | 'BlockDevice';

export interface HostPathVolumeSource {
  path: string;
  type?: HostPathType;
}

export interface ConfigMapVolumeSource {
  name: string;
  items?: KeyToPath[];
  defaultMode: number;
  optional?: boolean;
}

export interface SecretVolumeSource {
  secretName: string;
  items?: KeyToPath[];
  defaultMode: number;
  optional?: boolean;
}

export interface DownwardAPIVolumeFile {
  path: string;
  fieldRef?: ObjectFieldSelector;
  resourceFieldRef?: ResourceFieldSelector;
  mode?: number;
}

export interface DownwardAPIVolumeSource {
  items?: DownwardAPIVolumeFile[];
  defaultMode: number;
}

export interface PersistentVolumeClaimVolumeSource {
  claimName: string;
  readOnly?: boolean;
}

/** A volume: exactly one source is set (a volume with none defaults to `emptyDir: {}`). */
export interface Volume {
  name: string;
  emptyDir?: EmptyDirVolumeSource;
  hostPath?: HostPathVolumeSource;
  configMap?: ConfigMapVolumeSource;
  secret?: SecretVolumeSource;
  downwardAPI?: DownwardAPIVolumeSource;
  persistentVolumeClaim?: PersistentVolumeClaimVolumeSource;
}

// ---- Pod ----

export interface PodSecurityContext {
  runAsUser?: number;
  runAsGroup?: number;
  runAsNonRoot?: boolean;
  fsGroup?: number;
  supplementalGroups?: number[];
  // ---- kept, not applied (see SecurityContext)
  seLinuxOptions?: SELinuxOptions;
  windowsOptions?: WindowsSecurityContextOptions;
  seccompProfile?: SecurityProfile;
  appArmorProfile?: SecurityProfile;
  sysctls?: Sysctl[];
}

export type PodRestartPolicy = 'Always' | 'OnFailure' | 'Never';

export interface PodSpec {
  containers: Container[];
  initContainers?: Container[];
  volumes?: Volume[];
  restartPolicy: PodRestartPolicy;
  terminationGracePeriodSeconds: number;
  hostname?: string;
  subdomain?: string;
  nodeSelector?: Record<string, string>;
  nodeName?: string;
  serviceAccountName?: string;
  runtimeClassName?: string;
  enableServiceLinks: boolean;
  imagePullSecrets?: LocalObjectReference[];
  securityContext?: PodSecurityContext;
  overhead?: Record<string, Quantity>;
  // ---- kept, not applied: Berth gives every pod its own namespaces (see SecurityContext)
  hostNetwork?: boolean;
  hostPID?: boolean;
  hostIPC?: boolean;
  hostUsers?: boolean;
}

export interface Pod {
  apiVersion: 'v1';
  kind: 'Pod';
  metadata: ObjectMeta;
  spec: PodSpec;
}

// ---- Other kinds ----

export interface Secret {
  apiVersion: 'v1';
  kind: 'Secret';
  metadata: ObjectMeta;
  type: string;
  /** Base64 values; `stringData` has been merged in, as the API server does. */
  data?: Record<string, string>;
  immutable?: boolean;
}

export interface ConfigMap {
  apiVersion: 'v1';
  kind: 'ConfigMap';
  metadata: ObjectMeta;
  data?: Record<string, string>;
  /** Base64 values. */
  binaryData?: Record<string, string>;
  immutable?: boolean;
}

export interface ServicePort {
  name?: string;
  port: number;
  targetPort: IntOrString;
  protocol: Protocol;
  nodePort?: number;
  appProtocol?: string;
}

export interface ServiceSpec {
  selector?: Record<string, string>;
  ports?: ServicePort[];
  type: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';
  clusterIP?: string;
  externalName?: string;
}

export interface Service {
  apiVersion: 'v1';
  kind: 'Service';
  metadata: ObjectMeta;
  spec: ServiceSpec;
}

export interface Toleration {
  key?: string;
  operator?: 'Exists' | 'Equal';
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

export interface RuntimeClass {
  apiVersion: 'node.k8s.io/v1';
  kind: 'RuntimeClass';
  /** Cluster-scoped: no namespace. */
  metadata: ObjectMeta;
  handler: string;
  overhead?: { podFixed?: Record<string, Quantity> };
  scheduling?: { nodeSelector?: Record<string, string>; tolerations?: Toleration[] };
}

export type KubeObject = Pod | Secret | ConfigMap | Service | RuntimeClass;
export type KubeKind = KubeObject['kind'];

/**
 * An object as the validators see it: shape-checked (every present field has the right
 * type) but any field may still be missing, because the user may have left it out.
 * List items may be `undefined` where the item had the wrong type.
 */
export type Draft<T> = T extends (infer U)[]
  ? (Draft<U> | undefined)[] // a wrong-typed item leaves a hole, so later indices stay true
  : T extends object
    ? { [K in keyof T]?: Draft<T[K]> }
    : T;
