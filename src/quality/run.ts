import { createMatcher, type Matcher } from '../engine/index.js';
import { calibrationBins, sureAnswers, type CalibrationBin, type SureAnswers } from './calibration.js';
import { observeMatcher, reportOf, type QualityReport } from './evaluation.js';
import type { Metrics, Observation } from './metrics.js';
import { measurePeer, PEERS, type PeerSpec } from './peers/index.js';
import type { QualitySet, SetFamily } from './sets.js';

/** Our matcher over a quality set's knowledge base, with the set's own vocabulary. */
export function matcherFor(qs: QualitySet): Matcher {
  return createMatcher(qs.entries, { synonyms: qs.synonyms });
}

/** A peer's row in a set's table. */
export interface PeerRow {
  name: string;
  description: string;
  /** The answer threshold the peer was given on this set (Infinity: it could answer nothing within the rule). */
  threshold: number;
  /** How many of the set's queries it was measured on (fewer than the set for a sampled peer). */
  queries: number;
  metrics: Metrics;
  /** Time to build its index and rank the queries. */
  ms: number;
}

/** Everything measured on one set. */
export interface SetMeasure {
  name: string;
  description: string;
  family: SetFamily;
  phrasings?: number;
  entries: number;
  ours: {
    report: QualityReport;
    /** Time to build our matcher and answer every query. */
    ms: number;
    /** What ours did with each query, for questions the tables do not answer. */
    observations: Observation[];
    calibration: CalibrationBin[];
    sure: SureAnswers;
  };
  peers: PeerRow[];
  ms: number;
}

/** Ours on the set, and the peers unless `peers` is empty (the gate measures ours alone). */
export function measureSet(qs: QualitySet, peers: readonly PeerSpec[] = PEERS): SetMeasure {
  const started = performance.now();
  const observations = observeMatcher(matcherFor(qs), qs.set);
  const oursMs = performance.now() - started;
  const rows = peers.map(({ peer, sample }): PeerRow => {
    const peerStarted = performance.now();
    const measure = measurePeer(peer.build(qs.entries), qs.set, sample);
    return {
      name: peer.name,
      description: peer.description,
      threshold: measure.threshold,
      queries: measure.observations.length,
      metrics: measure.metrics,
      ms: performance.now() - peerStarted,
    };
  });
  return {
    name: qs.name,
    description: qs.description,
    family: qs.family,
    phrasings: qs.phrasings,
    entries: qs.entries.length,
    ours: { report: reportOf(observations), ms: oursMs, observations, calibration: calibrationBins(observations), sure: sureAnswers(observations) },
    peers: rows,
    ms: performance.now() - started,
  };
}
