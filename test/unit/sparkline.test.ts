import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sparklineSvg, sparklineDataUri, sparklineMarkdown, envelope } from '../../src/editor/sparkline';

function points(svg: string): [number, number][][] {
  return [...svg.matchAll(/<polyline[^>]*points="([^"]*)"/g)].map((m) => m[1].split(' ').map((p) => p.split(',').map(Number) as [number, number]));
}

test('a falling ramp starts at the top-left and ends at the bottom-right of the plot area', () => {
  const n = 101;
  const col = Float64Array.from({ length: n }, (_, i) => 1 - i / (n - 1));
  const svg = sparklineSvg([col], { width: 240, height: 60 });
  const [line] = points(svg);
  const pad = 3;
  assert.deepEqual(line[0], [pad, pad]);
  assert.deepEqual(line[line.length - 1], [240 - pad, 60 - pad]);
  // monotone: y never goes up as x grows
  for (let k = 1; k < line.length; k++) assert.ok(line[k][1] >= line[k - 1][1] - 1e-9 && line[k][0] >= line[k - 1][0]);
});

test('event markers sit at x = pad + step/(n−1)·(width − 2·pad)', () => {
  const n = 71;
  const col = new Float64Array(n).fill(0.1);
  const svg = sparklineSvg([col], { width: 240, height: 60, events: [{ step: 10, kind: 'restart' }, { step: 30, kind: 'restart' }, { step: 70, kind: 'restart' }, { step: 500, kind: 'restart' }] });
  const xs = [...svg.matchAll(/<line x1="([\d.]+)"/g)].map((m) => Number(m[1]));
  const expect = [10, 30, 70].map((s) => Math.round((3 + (s / (n - 1)) * 234) * 2) / 2);
  assert.deepEqual(xs, expect);
});

test('a flat line is drawn in the middle, NaN is skipped', () => {
  const col = Float64Array.from([0.5, 0.5, NaN, 0.5]);
  const svg = sparklineSvg([col], { width: 100, height: 40 });
  assert.ok(!svg.includes('NaN'));
  for (const [, y] of points(svg)[0]) assert.equal(y, 20);
});

test('log scale spaces a geometric sequence evenly', () => {
  const col = Float64Array.from([1, 0.1, 0.01]);
  const [line] = points(sparklineSvg([col], { width: 100, height: 40, log: true }));
  const ys = [...new Set(line.map((p) => p[1]))];
  assert.equal(ys.length, 3);
  assert.ok(Math.abs(ys[1] - ys[0] - (ys[2] - ys[1])) < 0.11);
});

test('a million steps make a picture bounded by the pixel width (and one line per param group)', () => {
  const n = 1_000_000;
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    a[i] = 0.5 * (1 + Math.cos((Math.PI * (i % 1000)) / 1000));
    b[i] = a[i] / 10;
  }
  const t0 = performance.now();
  const svg = sparklineSvg([a, b], { width: 240, height: 60 });
  const ms = performance.now() - t0;
  const lines = points(svg);
  assert.equal(lines.length, 2);
  for (const l of lines) assert.ok(l.length <= 4 * 234, `${l.length} points`);
  assert.ok(svg.length < 60_000, `${svg.length} bytes`);
  assert.ok(ms < 500, `${ms} ms`);
  // the envelope keeps the extremes of each pixel column: the cosine's full range survives
  const env = envelope(a, n, 234);
  assert.equal(Math.max(...env.map((e) => e.hi)), 1);
  assert.ok(Math.min(...env.map((e) => e.lo)) < 1e-5);
});

test('the data URI is base64 SVG and the markdown carries the size suffix', () => {
  const col = Float64Array.from([0.1, 0.05, 0.01]);
  const uri = sparklineDataUri([col]);
  assert.match(uri, /^data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+$/);
  const svg = Buffer.from(uri.split(',')[1], 'base64').toString('utf8');
  assert.equal(svg, sparklineSvg([col]));
  assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="240" height="60"/);
  const md = sparklineMarkdown([col], { width: 200, height: 50 });
  assert.match(md, /^!\[LR\]\(data:image\/svg\+xml;base64,[^)|]+\|width=200,height=50\)$/);
});

test('empty input draws an empty frame', () => {
  const svg = sparklineSvg([new Float64Array(0)]);
  assert.match(svg, /<rect/);
  assert.equal(points(svg).length, 0);
});
