// A stand-in for `vv serve` while it does not serve the app: web/dist as static files with the
// SPA fallback `vv serve` needs, and the API routes answered from fixtures.mjs, with the API's
// error shape {"error": {"code", "message", "path"}} for bad input.
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import * as fx from './fixtures.mjs';

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.json': 'application/json', '.woff2': 'font/woff2' };

const ISO = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;
const VIDEO_KEYS = ['id', 'channel_id', 'title', 'description', 'tags', 'category_id', 'published_at', 'duration_s', 'default_language', 'channel', 'snapshots', 'as_of'];

class BadInput extends Error {
  constructor(path, message, status = 400, code = 'invalid_argument', fields = undefined) { super(message); this.path = path; this.status = status; this.code = code; this.fields = fields; }
}

function count(v, p) {
  if (v === null || v === undefined) return;
  if (!Number.isInteger(v)) throw new BadInput(p, 'must be an integer');
  if (v < 0) throw new BadInput(p, 'must not be negative');
}

// The subset of src/serve/validate.cc the tests exercise.
function validateVideo(b) {
  if (typeof b !== 'object' || b === null || Array.isArray(b)) throw new BadInput('$', 'must be a JSON object');
  for (const k of Object.keys(b)) if (!VIDEO_KEYS.includes(k)) throw new BadInput(`$.${k}`, 'unknown field');
  if (b.title !== undefined && typeof b.title !== 'string') throw new BadInput('$.title', 'must be a string');
  if (typeof b.title === 'string' && [...b.title].length > 200) throw new BadInput('$.title', 'longer than 200 characters');
  if (b.tags !== undefined) {
    if (!Array.isArray(b.tags)) throw new BadInput('$.tags', 'must be an array of strings');
    b.tags.forEach((t, i) => { if (typeof t !== 'string') throw new BadInput(`$.tags[${i}]`, 'must be a string'); });
  }
  if (b.category_id !== undefined && (!Number.isInteger(b.category_id) || b.category_id < 1 || b.category_id > 99)) throw new BadInput('$.category_id', 'must be an integer in 1..99');
  if (b.published_at !== undefined && (typeof b.published_at !== 'string' || !ISO.test(b.published_at))) throw new BadInput('$.published_at', 'must be an ISO 8601 date');
  count(b.duration_s, '$.duration_s');
  if (b.channel !== undefined) for (const k of ['subscribers', 'videos', 'views']) count(b.channel[k], `$.channel.${k}`);
  let last = -Infinity;
  (b.snapshots ?? []).forEach((s, i) => {
    const p = `$.snapshots[${i}]`;
    if (typeof s.captured_at !== 'string' || !ISO.test(s.captured_at)) throw new BadInput(`${p}.captured_at`, 'must be an ISO 8601 date');
    const t = Date.parse(s.captured_at);
    if (t <= last) throw new BadInput(`${p}.captured_at`, 'snapshots must be in increasing captured_at order');
    last = t;
    for (const k of ['views', 'likes', 'dislikes', 'comments']) count(s[k], `${p}.${k}`);
  });
}

// The subset of src/serve/input_sanity.cc the tests exercise: what cannot be, every case at once.
function impossibleInputs(b) {
  const out = [];
  const published = b.published_at ? Date.parse(b.published_at) : null;
  (b.snapshots ?? []).forEach((s, i) => {
    if (published !== null && Date.parse(s.captured_at) < published) out.push({ path: `$.snapshots[${i}].captured_at`, message: `is before the publish date (${b.published_at}): a video has no views before it is published` });
  });
  const last = b.snapshots?.length ? Date.parse(b.snapshots.at(-1).captured_at) : null;
  if (b.as_of && last !== null && Date.parse(b.as_of) < last) out.push({ path: '$.as_of', message: 'is before the last snapshot' });
  return out;
}

// ... and what is unusual, answered with warnings.
function unusualInputs(b) {
  const out = [];
  if (b.published_at && Date.parse(b.published_at) > Date.now()) out.push({ code: 'published_in_future', message: 'is in the future', path: '$.published_at' });
  (b.snapshots ?? []).forEach((s, i) => {
    const prev = b.snapshots[i - 1];
    if (prev && s.views != null && prev.views != null && s.views < prev.views) out.push({ code: 'views_fell', message: `fell from ${prev.views} to ${s.views} since the previous snapshot`, path: `$.snapshots[${i}].views` });
    if (s.views != null && s.likes != null && s.likes > s.views) out.push({ code: 'likes_above_views', message: `(${s.likes}) are more than the views (${s.views})`, path: `$.snapshots[${i}].likes` });
  });
  if (!b.title) out.push({ code: 'required_missing', message: 'is empty: clickbait, genre and tags need it and give no answer without it', path: '$.title' });
  return out;
}

function listVideos(q) {
  let list = fx.videos;
  const text = (q.get('query') ?? '').toLowerCase();
  if (text) list = list.filter((v) => v.title.toLowerCase().includes(text));
  const cat = q.get('category');
  if (cat) {
    if (!/^\d+$/.test(cat) || +cat > 99) throw new BadInput('?category', 'must be an integer between 0 and 99');
    if (+cat > 0) list = list.filter((v) => v.category_id === +cat);
  }
  let sort = q.get('sort') || '-published_at';
  const desc = sort.startsWith('-');
  sort = sort.replace(/^-/, '');
  if (!['published_at', 'views', 'title'].includes(sort)) throw new BadInput('?sort', "must be one of published_at, views, title (prefix '-' for descending)");
  list = [...list].sort((a, b) => (a[sort] < b[sort] ? -1 : a[sort] > b[sort] ? 1 : 0) * (desc ? -1 : 1));
  const limit = Number(q.get('limit') ?? 50);
  const offset = Number(q.get('offset') ?? 0);
  const page = list.slice(offset, offset + limit).map(({ views, ...v }) => v);
  return { videos: page, count: page.length, limit, offset };
}

// What `vv serve` answers on an empty store with an empty registry (nothing generated, imported,
// collected or trained yet).
function emptyApi(req, p) {
  const none = Object.fromEntries(fx.modelNames.map((n) => [n, null]));
  if (req.method === 'GET' && p === '/healthz') return { status: 'ok', uptime_s: 1 };
  if (req.method === 'GET' && p === '/readyz') return { status: 503, body: { ready: false, models: none, store: 'ok' } };
  if (req.method === 'GET' && p === '/v1/videos') return { videos: [], count: 0, limit: 20, offset: 0 };
  if (req.method === 'GET' && p === '/v1/models') return { models: [] };
  if (req.method === 'GET' && p === '/v1/metrics/models') return { models: none };
  if (req.method === 'GET' && p === '/v1/drift') throw new BadInput(p, 'the store holds no video with a publication time, so there is no reference sample (import or generate data, then restart vv serve)', 503, 'unavailable');
  const m = p.match(/^\/v1\/(models|videos)\/([^/]+)$/);
  if (req.method === 'GET' && m) throw new BadInput(m[1] === 'videos' ? p : '', `no ${m[1] === 'videos' ? 'video' : 'model'} '${decodeURIComponent(m[2])}'${m[1] === 'models' ? ' in the registry' : ''}`, 404, 'not_found');
  throw new BadInput(p, `no route ${req.method} ${p}`, 404, 'not_found');
}

async function api(req, url, body, empty) {
  const p = url.pathname;
  if (empty) return emptyApi(req, p);
  const m = (re) => p.match(re);
  if (req.method === 'GET' && p === '/healthz') return { status: 'ok', uptime_s: 1 };
  if (req.method === 'GET' && p === '/readyz') return { ready: true, models: Object.fromEntries(fx.modelNames.map((n) => [n, 'v2'])), store: 'ok' };
  if (req.method === 'GET' && p === '/v1/videos') return listVideos(url.searchParams);
  let g;
  if (req.method === 'GET' && (g = m(/^\/v1\/videos\/([^/]+)$/))) {
    const id = decodeURIComponent(g[1]);
    const v = fx.videos.find((x) => x.id === id) ?? (id === fx.analyzedVideo.id ? fx.analyzedVideo : null);
    if (!v) throw new BadInput(p, `no video '${id}'`, 404, 'not_found');
    return fx.videoDetailWithTracking(v);
  }
  if (req.method === 'GET' && p === '/v1/models') return fx.modelList();
  if (req.method === 'GET' && (g = m(/^\/v1\/models\/([^/]+)$/))) {
    const d = fx.modelDetail(g[1]);
    if (!d) throw new BadInput(p, `no model '${g[1]}' in the registry`, 404, 'not_found');
    return d;
  }
  if (req.method === 'GET' && p === '/v1/metrics/models') return fx.modelMetrics();
  if (req.method === 'GET' && p === '/v1/drift') return fx.drift;
  if (req.method === 'POST' && p === '/v1/predict') {
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) throw new BadInput('Content-Type', 'body must be JSON', 415, 'unsupported_media_type');
    let parsed;
    try { parsed = JSON.parse(body); } catch (e) { throw new BadInput('$', `malformed JSON: ${e.message}`); }
    validateVideo(parsed);
    const impossible = impossibleInputs(parsed);
    if (impossible.length) throw new BadInput(impossible[0].path, impossible[0].message, 400, 'invalid_argument', impossible);
    // As src/serve/handlers_predict.cc answers a model lacking a field it needs.
    const predictions = { ...fx.predictions };
    if (!parsed.title) for (const m of ['clickbait', 'genre', 'tags']) predictions[m] = { error: { code: 'invalid_argument', message: `is required by the ${m} model`, path: '$.title' } };
    return { predictions, warnings: unusualInputs(parsed) };
  }
  if (req.method === 'POST' && p === '/v1/analyze') {
    let parsed;
    try { parsed = JSON.parse(body); } catch (e) { throw new BadInput('$', `malformed JSON: ${e.message}`); }
    const [status, answer] = fx.analyze(parsed);
    if (status !== 200) throw new BadInput(answer.error.path, answer.error.message, status, answer.error.code);
    return answer;
  }
  throw new BadInput(p, `no route ${req.method} ${p}`, 404, 'not_found');
}

// `empty`: answer as a server on an empty store and registry.
export function startServer(distDir, port = 0, { empty = false } = {}) {
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const send = (status, type, data) => { res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' }); res.end(data); };
    if (url.pathname.startsWith('/v1/') || url.pathname === '/healthz' || url.pathname === '/readyz') {
      try {
        const answer = await api(req, url, Buffer.concat(chunks).toString('utf8'), empty);
        if (answer.status && answer.body) send(answer.status, 'application/json', JSON.stringify(answer.body));
        else send(200, 'application/json', JSON.stringify(answer));
      } catch (e) {
        if (!(e instanceof BadInput)) throw e;
        send(e.status, 'application/json', JSON.stringify({ error: { code: e.code, message: e.message, path: e.path, fields: e.fields } }));
      }
      return;
    }
    // Static files; any other path without a file falls back to index.html (SPA fallback).
    const rel = path.normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, '');
    let file = path.join(distDir, rel);
    if (!file.startsWith(distDir) || rel === '/' || rel === '') file = path.join(distDir, 'index.html');
    try {
      send(200, TYPES[path.extname(file)] ?? 'application/octet-stream', await readFile(file));
    } catch {
      if (path.extname(rel) && rel.startsWith('/assets/')) return send(404, 'text/plain', 'not found');
      send(200, TYPES['.html'], await readFile(path.join(distDir, 'index.html')));
    }
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

// `node server.mjs DIST [PORT]` serves until killed (handy for looking at the app by hand).
if (process.argv[1] && path.resolve(process.argv[1]) === new URL(import.meta.url).pathname) {
  const s = await startServer(path.resolve(process.argv[2] ?? 'web/dist'), Number(process.argv[3] ?? 8099));
  console.log(`fixture server on http://127.0.0.1:${s.address().port}/`);
}
