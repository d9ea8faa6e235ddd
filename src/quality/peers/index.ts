import { FUSE_SAMPLE, fuse } from './fuse.js';
import { minisearch } from './minisearch.js';
import type { Peer } from './peer.js';
import { tfidfChar3, tfidfWords } from './tfidf.js';

export type { Peer, PeerIndex } from './peer.js';
export { choosePeerThreshold, measurePeer, observeAt, rankSet, sampleSet, PEER_WRONG_MAX, type PeerMeasure, type RankedQuery } from './threshold.js';

/** A peer and, for a slow one, how many queries per set it is measured on at most. */
export interface PeerSpec {
  peer: Peer;
  sample?: number;
}

/** The engines ours is compared with, in report order. */
export const PEERS: readonly PeerSpec[] = [
  { peer: fuse, sample: FUSE_SAMPLE },
  { peer: minisearch },
  { peer: tfidfWords },
  { peer: tfidfChar3 },
];
