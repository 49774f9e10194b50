// The TCP probe (pkg/probe/tcp DoTCPProbe): success when a connection opens within the timeout.
import net from 'node:net';
import { goDialError } from '../../hooks/go-errors';
import { joinHostPort } from '../../hooks/target';
import type { ProbeOutcome } from './types';

export function tcpProbe(host: string, port: number, timeoutSeconds: number, signal?: AbortSignal): Promise<ProbeOutcome> {
  return new Promise<ProbeOutcome>((resolve) => {
    const socket = net.connect({ host, port });
    let settled = false;
    const finish = (outcome: ProbeOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve(outcome);
    };
    const onAbort = (): void => finish({ result: 'failure', output: `dial tcp ${joinHostPort(host, port)}: operation was canceled` });
    const timer = setTimeout(
      () => finish({ result: 'failure', output: `dial tcp ${joinHostPort(host, port)}: i/o timeout` }),
      timeoutSeconds * 1000,
    );
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => finish({ result: 'success', output: '' }));
    socket.once('error', (err) => finish({ result: 'failure', output: goDialError(err, host, port) }));
  });
}
