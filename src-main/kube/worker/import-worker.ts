// The worker thread of an import (off-thread.ts starts it): parses and validates each file it is
// sent, one at a time, and posts the result back as plain data. A hostile file can only exhaust
// this thread's limits (and the thread is stopped then, never reused).
import { parentPort } from 'node:worker_threads';
import { importPortable } from '../import';
import type { ImportRequest } from './off-thread';

parentPort?.on('message', ({ source, fileName }: ImportRequest) => parentPort?.postMessage(importPortable(source, fileName)));
