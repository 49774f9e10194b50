// Raw docker-modem requests for the endpoints dockerode does not wrap the way Berth needs them.
import type Docker from 'dockerode';

const STATUS_CODES = { 200: true, 404: 'no such container', 500: 'server error' };

/** A JSON GET (e.g. Podman's libpod endpoints). */
export function dialJson(docker: Docker, path: string, statusCodes: Record<number, string | boolean> = STATUS_CODES): Promise<unknown> {
  return new Promise((resolve, reject) => {
    docker.modem.dial({ path, method: 'GET', statusCodes }, (err: unknown, data: unknown) => (err ? reject(err) : resolve(data)));
  });
}

/** A GET read as a stream (docker-modem would otherwise try JSON.parse on a finished body). */
export function dialStream(docker: Docker, path: string, query: Record<string, unknown>, signal?: AbortSignal): Promise<NodeJS.ReadableStream> {
  return new Promise((resolve, reject) => {
    docker.modem.dial(
      {
        path,
        method: 'GET',
        isStream: true,
        options: query,
        ...(signal ? { abortSignal: signal } : {}),
        statusCodes: STATUS_CODES,
      },
      (err: unknown, data: unknown) => (err ? reject(err) : resolve(data as NodeJS.ReadableStream)),
    );
  });
}
