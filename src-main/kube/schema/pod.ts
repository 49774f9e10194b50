// The shape of a v1 Pod: every field Berth honours, and the known ones it ignores.
import type { Capabilities, ConfigMapVolumeSource, Container, ContainerPort, DownwardAPIVolumeFile, DownwardAPIVolumeSource, EmptyDirVolumeSource, EnvFromRef, EnvFromSource, EnvVar, EnvVarSource, ExecAction, GRPCAction, HTTPGetAction, HTTPHeader, HostPathVolumeSource, KeySelector, KeyToPath, Lifecycle, LifecycleHandler, LocalObjectReference, ObjectFieldSelector, PersistentVolumeClaimVolumeSource, Pod, PodSecurityContext, PodSpec, Probe, ResourceFieldSelector, ResourceRequirements, SELinuxOptions, SecretVolumeSource, SecurityContext, SecurityProfile, SleepAction, Sysctl, TCPSocketAction, Volume, VolumeMount, WindowsSecurityContextOptions } from '../../model';
import { bool, dict, ignore, int, intOrString, kept, list, obj, quantity, str, strings, stringMap, unsupported } from './dsl';
import { metadataSpec } from './metadata';

const exec = obj<ExecAction>({ command: strings });

// Security fields Berth does not apply but keeps for the Pod Security check (see types.ts).
const seLinuxOptions = obj<SELinuxOptions>({ user: str, role: str, type: str, level: str });
const windowsOptions = obj<WindowsSecurityContextOptions>({
  gmsaCredentialSpecName: str,
  gmsaCredentialSpec: str,
  runAsUserName: str,
  hostProcess: bool,
});
const securityProfile = obj<SecurityProfile>({ type: str, localhostProfile: str });
const httpGet = obj<HTTPGetAction>({
  path: str,
  port: intOrString,
  host: str,
  scheme: str,
  httpHeaders: list(obj<HTTPHeader>({ name: str, value: str })),
});
const tcpSocket = obj<TCPSocketAction>({ port: intOrString, host: str });

const handler = obj<LifecycleHandler>({
  exec,
  httpGet,
  tcpSocket,
  sleep: obj<SleepAction>({ seconds: int }),
});

const probe = obj<Probe>({
  exec,
  httpGet,
  tcpSocket,
  grpc: obj<GRPCAction>({ port: int, service: str }),
  initialDelaySeconds: int,
  timeoutSeconds: int,
  periodSeconds: int,
  successThreshold: int,
  failureThreshold: int,
  terminationGracePeriodSeconds: int,
});

export const fieldRef = obj<ObjectFieldSelector>({ apiVersion: str, fieldPath: str });
export const resourceFieldRef = obj<ResourceFieldSelector>({ containerName: str, resource: str, divisor: quantity });
const keySelector = obj<KeySelector>({ name: str, key: str, optional: bool });
const envFromRef = obj<EnvFromRef>({ name: str, optional: bool });

const container = obj<Container>(
  {
    name: str,
    image: str,
    command: strings,
    args: strings,
    workingDir: str,
    ports: list(
      obj<ContainerPort>({ name: str, containerPort: int, hostPort: int, hostIP: str, protocol: str }),
    ),
    env: list(
      obj<EnvVar>({
        name: str,
        value: str,
        valueFrom: obj<EnvVarSource>(
          { fieldRef, resourceFieldRef, configMapKeyRef: keySelector, secretKeyRef: keySelector },
          { ignored: ignore('fileKeyRef') },
        ),
      }),
    ),
    envFrom: list(obj<EnvFromSource>({ prefix: str, configMapRef: envFromRef, secretRef: envFromRef })),
    resources: obj<ResourceRequirements>(
      { limits: dict(quantity), requests: dict(quantity) },
      { ignored: ignore('claims') },
    ),
    volumeMounts: list(
      obj<VolumeMount>(
        { name: str, mountPath: str, subPath: str, readOnly: bool },
        { ignored: ignore('mountPropagation', 'subPathExpr', 'recursiveReadOnly') },
      ),
    ),
    lifecycle: obj<Lifecycle>({ postStart: handler, preStop: handler, stopSignal: str }),
    livenessProbe: probe,
    readinessProbe: probe,
    startupProbe: probe,
    terminationMessagePath: str,
    terminationMessagePolicy: str,
    imagePullPolicy: str,
    securityContext: obj<SecurityContext>({
      runAsUser: int,
      runAsGroup: int,
      runAsNonRoot: bool,
      privileged: bool,
      readOnlyRootFilesystem: bool,
      allowPrivilegeEscalation: bool,
      capabilities: obj<Capabilities>({ add: strings, drop: strings }),
      seLinuxOptions: kept(seLinuxOptions),
      windowsOptions: kept(windowsOptions),
      procMount: kept(str, { quiet: ['Default'] }),
      seccompProfile: kept(securityProfile),
      appArmorProfile: kept(securityProfile),
    }),
    stdin: bool,
    stdinOnce: bool,
    tty: bool,
    restartPolicy: str,
  },
  { ignored: ignore('resizePolicy', 'volumeDevices', 'restartPolicyRules') },
);

const keyToPath = obj<KeyToPath>({ key: str, path: str, mode: int });

/** Volume sources Kubernetes has and Berth cannot provide on a single Docker/Podman host. */
export const UNSUPPORTED_VOLUME_SOURCES = [
  'projected',
  'nfs',
  'csi',
  'ephemeral',
  'image',
  'iscsi',
  'rbd',
  'cephfs',
  'cinder',
  'fc',
  'flexVolume',
  'flocker',
  'glusterfs',
  'gitRepo',
  'awsElasticBlockStore',
  'gcePersistentDisk',
  'azureDisk',
  'azureFile',
  'vsphereVolume',
  'quobyte',
  'photonPersistentDisk',
  'portworxVolume',
  'scaleIO',
  'storageos',
];
export const SUPPORTED_VOLUME_SOURCES = [
  'emptyDir',
  'hostPath',
  'configMap',
  'secret',
  'downwardAPI',
  'persistentVolumeClaim',
] as const;

const volume = obj<Volume>({
  name: str,
  emptyDir: obj<EmptyDirVolumeSource>({ medium: str, sizeLimit: quantity }),
  hostPath: obj<HostPathVolumeSource>({ path: str, type: str }),
  configMap: obj<ConfigMapVolumeSource>({
    name: str,
    items: list(keyToPath),
    defaultMode: int,
    optional: bool,
  }),
  secret: obj<SecretVolumeSource>({
    secretName: str,
    items: list(keyToPath),
    defaultMode: int,
    optional: bool,
  }),
  downwardAPI: obj<DownwardAPIVolumeSource>({
    items: list(obj<DownwardAPIVolumeFile>({ path: str, fieldRef, resourceFieldRef, mode: int })),
    defaultMode: int,
  }),
  persistentVolumeClaim: obj<PersistentVolumeClaimVolumeSource>({ claimName: str, readOnly: bool }),
  ...Object.fromEntries(
    UNSUPPORTED_VOLUME_SOURCES.map((source) => [
      source,
      unsupported(
        `volume type "${source}" is not supported by Berth ` +
          `(supported: ${SUPPORTED_VOLUME_SOURCES.join(', ')})`,
      ),
    ]),
  ),
});

const podSpec = obj<PodSpec>(
  {
    containers: list(container),
    initContainers: list(container),
    volumes: list(volume),
    restartPolicy: str,
    terminationGracePeriodSeconds: int,
    hostname: str,
    subdomain: str,
    nodeSelector: stringMap,
    nodeName: str,
    serviceAccountName: str,
    runtimeClassName: str,
    enableServiceLinks: bool,
    imagePullSecrets: list(obj<LocalObjectReference>({ name: str })),
    securityContext: obj<PodSecurityContext>(
      {
        runAsUser: int,
        runAsGroup: int,
        runAsNonRoot: bool,
        fsGroup: int,
        supplementalGroups: list(int),
        seLinuxOptions: kept(seLinuxOptions),
        windowsOptions: kept(windowsOptions),
        seccompProfile: kept(securityProfile),
        appArmorProfile: kept(securityProfile),
        sysctls: kept(list(obj<Sysctl>({ name: str, value: str }))),
      },
      { ignored: ignore('fsGroupChangePolicy', 'supplementalGroupsPolicy', 'seLinuxChangePolicy') },
    ),
    overhead: dict(quantity),
    hostNetwork: kept(bool),
    hostPID: kept(bool),
    hostIPC: kept(bool),
    hostUsers: kept(bool, { quiet: [true] }),
  },
  {
    ignored: {
      ...ignore(
        'affinity',
        'tolerations',
        'topologySpreadConstraints',
        'priorityClassName',
        'dnsConfig',
        'hostAliases',
        'shareProcessNamespace',
        'readinessGates',
        'ephemeralContainers',
        'activeDeadlineSeconds',
        'automountServiceAccountToken',
        'setHostnameAsFQDN',
        'os',
        'schedulingGates',
        'resourceClaims',
        'resources',
      ),
      // Values `kubectl get -o yaml` shows on every pod, which ask for nothing in particular.
      dnsPolicy: { quiet: ['ClusterFirst'] },
      schedulerName: { quiet: ['default-scheduler'] },
      priority: { quiet: [0] },
      preemptionPolicy: { quiet: ['PreemptLowerPriority'] },
      serviceAccount: { note: 'it is the deprecated alias of serviceAccountName' },
    },
  },
);

const status = { status: { note: 'status is reported by Berth, not read from the manifest' } };

export const podSpecShape = obj<Pod>(
  { apiVersion: str, kind: str, metadata: metadataSpec, spec: podSpec },
  { ignored: status },
);
export const statusIgnored = status;
