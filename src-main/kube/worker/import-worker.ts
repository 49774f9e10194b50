// The worker thread of an import (off-thread.ts starts it): parses and validates one file and
// posts the result back as plain data. A hostile file can only exhaust this thread's limits.
import { parentPort, workerData } from 'node:worker_threads';
import { importPortable } from '../import';
import type { ImportRequest } from './off-thread';

const { source, fileName } = workerData as ImportRequest;
parentPort?.postMessage(importPortable(source, fileName));
