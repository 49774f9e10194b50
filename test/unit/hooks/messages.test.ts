// The kubelet's hook failure messages (lifecycle/handlers.go Run) and Go's formatting verbs.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatPodFullName, goQuote, goStringSlice } from '../../../src-main/kube/go-format';
import { execExitError } from '../../../src-main/hooks/exec';
import { goLifecycleHandler, handlerKind, hookFailureMessage, invalidHandlerError } from '../../../src-main/hooks/messages';

const pod = formatPodFullName('demo', 'default', '1234-abcd');

describe('Go formatting', () => {
  test('format.Pod, %v of []string, %q', () => {
    assert.equal(pod, 'demo_default(1234-abcd)');
    assert.equal(goStringSlice(['sh', '-c', 'echo hi']), '[sh -c echo hi]');
    assert.equal(goQuote('a "b"\\\n\t\x01\x7fé'), '"a \\"b\\"\\\\\\n\\t\\x01\\x7fé"');
    // What Go does not print: C escapes, \u for BMP controls and separators, \U beyond.
    assert.equal(goQuote('\x07\v\u0085\u00a0\u200b\u{e0001} ok'), '"\\a\\v\\u0085\\u00a0\\u200b\\U000e0001 ok"');
  });
});

describe('hookFailureMessage', () => {
  test('exec: command, container, pod, the CRI error and the output quoted', () => {
    const output = 'OCI runtime exec failed: exec: "badcommand": executable file not found in $PATH\n';
    const error = execExitError(['badcommand'], 127, output);
    assert.equal(error, `command 'badcommand' exited with 127: ${output}`);
    assert.equal(
      hookFailureMessage('PostStart', { exec: { command: ['badcommand'] } }, { output, error }, 'main', pod),
      `Exec lifecycle hook ([badcommand]) for Container "main" in Pod "demo_default(1234-abcd)" failed - error: ` +
        `command 'badcommand' exited with 127: ${output}, message: "OCI runtime exec failed: exec: \\"badcommand\\": executable file not found in $PATH\\n"`,
    );
  });

  test('httpGet: the path and the transport error', () => {
    const error = 'Get "http://10.88.0.4:8080/echo?msg=poststart": dial tcp 127.0.0.1:49001: connect: connection refused';
    assert.equal(
      hookFailureMessage('PreStop', { httpGet: { path: '/echo?msg=poststart', port: 8080, scheme: 'HTTP' } }, { output: '', error }, 'main', pod),
      `HTTP lifecycle hook (/echo?msg=poststart) for Container "main" in Pod "demo_default(1234-abcd)" failed - error: ${error}`,
    );
  });

  test('sleep: the seconds and the interruption', () => {
    assert.equal(
      hookFailureMessage('PreStop', { sleep: { seconds: 5 } }, { output: '', error: 'container terminated before sleep hook finished' }, 'main', pod),
      'Sleep lifecycle hook (5) for Container "main" in Pod "demo_default(1234-abcd)" failed - error: container terminated before sleep hook finished',
    );
  });

  test('tcpSocket: the kubelet cannot run it', () => {
    const handler = { tcpSocket: { port: 8080 } };
    assert.equal(goLifecycleHandler(handler), '&LifecycleHandler{Exec:nil,HTTPGet:nil,TCPSocket:&TCPSocketAction{Port:{0 8080 },Host:,},Sleep:nil,}');
    assert.equal(goLifecycleHandler({ tcpSocket: { port: 'web', host: 'h' } }), '&LifecycleHandler{Exec:nil,HTTPGet:nil,TCPSocket:&TCPSocketAction{Port:{1 0 web},Host:h,},Sleep:nil,}');
    const error = invalidHandlerError(handler);
    assert.equal(
      hookFailureMessage('PostStart', handler, { output: '', error }, 'main', pod),
      'Cannot run handler: invalid handler: &LifecycleHandler{Exec:nil,HTTPGet:nil,TCPSocket:&TCPSocketAction{Port:{0 8080 },Host:,},Sleep:nil,}',
    );
    assert.equal(handlerKind(handler), 'tcpSocket');
  });

  test('without an error, the kubelet\'s own event text', () => {
    assert.equal(hookFailureMessage('PreStop', { sleep: { seconds: 1 } }, { output: '' }, 'main', pod), 'PreStopHook failed');
  });
});
