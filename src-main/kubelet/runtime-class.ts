// Whether the engine can run a RuntimeClass's handler. Pure. A handler the engine cannot select
// is a FailedCreatePodSandBox (never reported as honoured when it was not).
import type { EngineInfo } from '../engine/engine';

type RuntimeFacts = Pick<EngineInfo, 'kind' | 'runtimes' | 'defaultRuntime' | 'runtimeSelectable'>;

/** Undefined when the handler can run; otherwise why not and how to fix it. */
export function runtimeHandlerProblem(handler: string, engine: RuntimeFacts): string | undefined {
  if (handler === engine.defaultRuntime) return undefined;
  if (engine.kind === 'podman' && !engine.runtimeSelectable) {
    return (
      `RuntimeHandler "${handler}" cannot be selected on Podman: its Docker-compatible API ignores the OCI runtime ` +
      `a container asks for and would run it on ${engine.defaultRuntime}. Use Docker (dockerd --add-runtime ${handler}=/usr/bin/${handler}), ` +
      `or a RuntimeClass whose handler is "${engine.defaultRuntime}"`
    );
  }
  if (!engine.runtimes.includes(handler)) {
    return (
      `no runtime for "${handler}" is configured: the engine has ${engine.runtimes.join(', ') || 'none'}. ` +
      `Add it with dockerd --add-runtime ${handler}=/usr/bin/${handler} (or "runtimes" in /etc/docker/daemon.json) and restart dockerd`
    );
  }
  return undefined;
}

/** The runtime to ask the engine for: none when the handler is the engine's default anyway. */
export function engineRuntimeFor(handler: string | undefined, engine: RuntimeFacts): string | undefined {
  return handler && handler !== engine.defaultRuntime ? handler : undefined;
}
