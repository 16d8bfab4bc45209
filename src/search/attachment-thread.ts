/**
 * A worker thread of attachment-cache.ts: extracts one attachment per message
 * ({ id, file, bytes, sha256 } → { id, text }), so that two documents are
 * read on two cores while the main thread hashes and reads the cache.
 */
import { parentPort } from 'node:worker_threads';
import { extractAttachment } from './attachment-text.ts';

interface Job {
  id: number;
  file: string;
  bytes: Uint8Array;
  sha256: string;
}

parentPort!.on('message', (job: Job) => {
  void extractAttachment(job.file, job.bytes, job.sha256).then((text) => parentPort!.postMessage({ id: job.id, text }));
});
