// A container's environment exactly as the kubelet builds it: pure functions of their inputs.
export { expand, lookupIn, type VariableLookup } from './expansion';
export { DEFAULT_CLUSTER_DOMAIN, podHostnameAndDomain, truncatePodHostname, type PodHostname } from './hostname';
export {
  envVarsFromServices,
  makeEnvVariableName,
  serviceEnvVars,
  serviceHost,
  visibleServices,
  type EnvVarValue,
  type ServiceRecord,
  type VisibleServicesInput,
} from './service-env';
export {
  fieldRefValue,
  formatMap,
  resourceFieldRefValue,
  type DownwardResult,
  type NodeAllocatable,
  type PodRuntimeInfo,
} from './downward';
export {
  divideRoundingUp,
  parseQuantity,
  quantityMilliValue,
  quantityValue,
  type ExactQuantity,
} from './quantity';
export {
  buildContainerEnv,
  expandCommandAndArgs,
  INVALID_ENV_VAR_NAMES_REASON,
  isValidEnvVarName,
  type ContainerEnvInput,
  type ContainerEnvResult,
  type EnvVarNameRule,
} from './environment';
