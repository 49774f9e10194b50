// The answers that are not about an object: /version, health checks and discovery. Pure: the
// server writes what this returns.
import {
  aggregatedContentType,
  aggregatedDiscovery,
  apiGroup,
  apiGroupList,
  apiResourceList,
  apiVersions,
  negotiateDiscovery,
  versionInfo,
} from './discovery';
import type { ParsedPath } from './paths';
import { pathNotFound } from './status/door';

export interface Answer {
  readonly code: number;
  readonly contentType: string;
  readonly body: string;
}

const JSON_TYPE = 'application/json';
const json = (body: unknown, contentType = JSON_TYPE, code = 200): Answer => ({ code, contentType, body: JSON.stringify(body) });

/** The answer for a non-resource path, or undefined when `parsed` addresses a resource. */
export function answerNonResource(parsed: ParsedPath, accept: string | undefined, serverAddress: string): Answer | undefined {
  switch (parsed.kind) {
    case 'version':
      return json(versionInfo());
    case 'health':
      return { code: 200, contentType: 'text/plain; charset=utf-8', body: 'ok' };
    case 'api':
    case 'apis': {
      const wanted = negotiateDiscovery(accept);
      if (wanted !== 'legacy') return json(aggregatedDiscovery(parsed.kind === 'api' ? 'legacy' : 'groups', wanted), aggregatedContentType(wanted));
      return json(parsed.kind === 'api' ? apiVersions(serverAddress) : apiGroupList());
    }
    case 'group':
      return found(apiGroup(parsed.group));
    case 'groupVersion':
      return found(apiResourceList(parsed));
    case 'unknown':
      return notFound();
    case 'resource':
      return undefined;
  }
}

function notFound(): Answer {
  const status = pathNotFound();
  return json(status, JSON_TYPE, status.code);
}

function found(body: object | undefined): Answer {
  return body ? json(body) : notFound();
}
