import type { Observation } from './metrics.js';

/**
 * Whether our confidences mean what they say: of the queries whose top candidate had a confidence near c, about a
 * share c should have a right top candidate. A should-decline query's top candidate is never right, so a
 * confident candidate for one counts against the bin it falls in.
 */

export const CALIBRATION_BINS = 10;

export interface CalibrationBin {
  /** The bin covers [from, to); the last also holds 1. */
  from: number;
  to: number;
  count: number;
  right: number;
}

/** Queries binned by their top candidate's confidence (0 when nothing was ranked), with how many were right. */
export function calibrationBins(observations: readonly Observation[]): CalibrationBin[] {
  const bins = Array.from({ length: CALIBRATION_BINS }, (_, i) => ({ from: i / CALIBRATION_BINS, to: (i + 1) / CALIBRATION_BINS, count: 0, right: 0 }));
  for (const o of observations) {
    const top = o.ranked[0];
    const confidence = Math.min(1, Math.max(0, top?.score ?? 0));
    const bin = bins[Math.min(CALIBRATION_BINS - 1, Math.floor(confidence * CALIBRATION_BINS))]!;
    bin.count++;
    if (top && o.expect.includes(top.id)) bin.right++;
  }
  return bins;
}

/** The confidence from which an answer is expected to be right nine times in ten. */
export const SURE_CONFIDENCE = 0.9;

/** Answers given with at least {@link SURE_CONFIDENCE}: how many, how many right, the share right (1 when none). */
export interface SureAnswers {
  count: number;
  right: number;
  share: number;
}

export function sureAnswers(observations: readonly Observation[], from = SURE_CONFIDENCE): SureAnswers {
  const sure = observations.filter((o) => o.answered !== null && o.answered.score >= from);
  const right = sure.filter((o) => o.expect.includes(o.answered!.id)).length;
  return { count: sure.length, right, share: sure.length === 0 ? 1 : right / sure.length };
}

const WIDTH = 560;
const HEIGHT = 440;
const PLOT = { left: 70, right: 20, top: 50, bottom: 60 };

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A reliability diagram as a standalone SVG: a bar per confidence bin, as high as the share of right top
 * candidates in it and labelled with how many queries it holds, against the diagonal a calibrated engine follows.
 */
export function calibrationSvg(title: string, bins: readonly CalibrationBin[]): string {
  const w = WIDTH - PLOT.left - PLOT.right;
  const h = HEIGHT - PLOT.top - PLOT.bottom;
  const x = (v: number) => PLOT.left + v * w;
  const y = (v: number) => PLOT.top + (1 - v) * h;
  const parts: string[] = [];
  parts.push(`<rect x="0" y="0" width="${WIDTH}" height="${HEIGHT}" fill="white"/>`);
  parts.push(`<text x="${WIDTH / 2}" y="28" text-anchor="middle" font-size="18" font-weight="bold">${escapeXml(title)}</text>`);
  for (let i = 0; i <= 10; i++) {
    const v = i / 10;
    parts.push(`<line x1="${x(0)}" y1="${y(v)}" x2="${x(1)}" y2="${y(v)}" stroke="#eee"/>`);
    parts.push(`<text x="${x(0) - 8}" y="${y(v) + 4}" text-anchor="end" font-size="11">${v.toFixed(1)}</text>`);
    parts.push(`<text x="${x(v)}" y="${y(0) + 18}" text-anchor="middle" font-size="11">${v.toFixed(1)}</text>`);
  }
  for (const bin of bins) {
    if (bin.count === 0) continue;
    const share = bin.right / bin.count;
    const left = x(bin.from) + 3;
    const width = x(bin.to) - x(bin.from) - 6;
    parts.push(`<rect x="${left.toFixed(1)}" y="${y(share).toFixed(1)}" width="${width.toFixed(1)}" height="${(y(0) - y(share)).toFixed(1)}" fill="#4e79a7" fill-opacity="0.8"><title>${bin.right} of ${bin.count} right</title></rect>`);
    parts.push(`<text x="${(left + width / 2).toFixed(1)}" y="${(y(share) - 5).toFixed(1)}" text-anchor="middle" font-size="11">n=${bin.count}</text>`);
  }
  parts.push(`<line x1="${x(0)}" y1="${y(0)}" x2="${x(1)}" y2="${y(1)}" stroke="#e15759" stroke-width="2" stroke-dasharray="6 4"/>`);
  parts.push(`<line x1="${x(0)}" y1="${y(0)}" x2="${x(1)}" y2="${y(0)}" stroke="black"/>`);
  parts.push(`<line x1="${x(0)}" y1="${y(0)}" x2="${x(0)}" y2="${y(1)}" stroke="black"/>`);
  parts.push(`<text x="${x(0.5)}" y="${HEIGHT - 18}" text-anchor="middle" font-size="13">confidence of our top candidate</text>`);
  parts.push(`<text x="18" y="${y(0.5)}" text-anchor="middle" font-size="13" transform="rotate(-90 18 ${y(0.5)})">share whose top candidate is right</text>`);
  parts.push(`<text x="${x(1) - 4}" y="${y(1) + 14}" text-anchor="end" font-size="11" fill="#e15759">calibrated</text>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif">\n${parts.join('\n')}\n</svg>\n`;
}
