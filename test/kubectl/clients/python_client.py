# The Python `kubernetes` package (Debian's python3-kubernetes) against Berth: list pods, watch from
# the list's resourceVersion, create a pod, see it run, delete it, see it go. Prints one JSON line
# per thing it saw; the test (python-client.test.ts) judges them.
import json
import sys
import threading

from kubernetes import client, config, watch

config.load_kube_config(config_file=sys.argv[1])
v1 = client.CoreV1Api()


def say(**fields):
    print(json.dumps(fields), flush=True)


listed = v1.list_namespaced_pod('default')
say(step='list', resourceVersion=listed.metadata.resource_version, names=[p.metadata.name for p in listed.items])

gone = threading.Event()


def follow():
    w = watch.Watch()
    for event in w.stream(v1.list_namespaced_pod, 'default', resource_version=listed.metadata.resource_version, timeout_seconds=90):
        pod = event['object']
        say(step='watch', type=event['type'], name=pod.metadata.name, phase=pod.status.phase,
            deleting=pod.metadata.deletion_timestamp is not None, resourceVersion=pod.metadata.resource_version)
        if event['type'] == 'MODIFIED' and pod.status.phase == 'Running' and not pod.metadata.deletion_timestamp:
            running.set()
        if event['type'] == 'DELETED':
            gone.set()
            w.stop()


running = threading.Event()
watcher = threading.Thread(target=follow, daemon=True)
watcher.start()

container = client.V1Container(name='main', image=sys.argv[2], command=['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 1; done'])
made = v1.create_namespaced_pod('default', client.V1Pod(metadata=client.V1ObjectMeta(name='frompy', labels={'made-by': 'python'}), spec=client.V1PodSpec(containers=[container])))
say(step='created', name=made.metadata.name, uid=made.metadata.uid, resourceVersion=made.metadata.resource_version)
if not running.wait(60):
    say(step='error', message='the pod was not seen Running within 60 s')
    sys.exit(1)
read = v1.read_namespaced_pod('frompy', 'default')
say(step='read', phase=read.status.phase, labels=read.metadata.labels)
v1.delete_namespaced_pod('frompy', 'default', grace_period_seconds=1)
if not gone.wait(60):
    say(step='error', message='the pod was not seen DELETED within 60 s')
    sys.exit(1)
say(step='done')
