// Hand-written API answers in the shapes `vv serve` gives (src/serve/handlers_*.cc) and the
// models' prediction shapes (src/models/*.cc Predict). Used only when no real server is given.
const CATEGORY = { 10: 'Music', 20: 'Gaming', 24: 'Entertainment', 27: 'Education', 28: 'Science & Technology' };

export const videos = Array.from({ length: 45 }, (_, i) => {
  const category = [10, 20, 24, 27, 28][i % 5];
  return {
    id: `vid${String(i).padStart(3, '0')}`,
    channel_id: `UC${i % 7}`,
    title: i === 0 ? 'I tried 100 days of coding' : `Fixture video ${i} about ${CATEGORY[category]}`,
    description: `Description of video ${i}.`,
    tags: ['fixture', CATEGORY[category].toLowerCase()],
    category_id: category,
    published_at: new Date(Date.UTC(2024, 4, 1) - i * 86400000).toISOString().replace('.000', ''),
    duration_s: 60 + i * 7,
    default_language: 'en',
    thumbnail_url: '',
    comments_disabled: false,
    ratings_disabled: false,
    source: 'generate',
    views: 1000 * (45 - i),
  };
});

export const predictions = {
  velocity: { version: 'v2', prediction: { model: 'velocity', interval_level: 0.8, horizons: [
    { hours: 24, views: 5100, lo: 4300, hi: 6400, observed: false, views_per_hour: 150 },
    { hours: 168, views: 21000, lo: 14000, hi: 33000, observed: false, views_per_hour: 115.5 },
    { hours: 720, views: 48000, lo: 26000, hi: 90000, observed: false, views_per_hour: 60.9 }] } },
  viral: { version: 'v3', prediction: { model: 'viral', probability: 0.73, label: true, top_features: [
    { feature: 'log_views_first', contribution: 1.21 }, { feature: 'log_subscribers', contribution: 0.64 },
    { feature: 'title_length', contribution: -0.22 }, { feature: 'hours_since_publish', contribution: 0.11 },
    { feature: 'like_view_ratio', contribution: 0.05 }] } },
  clickbait: { version: 'v1', prediction: { model: 'clickbait', score: 0.81, label: true, text_score: 0.77, signals: [
    { name: 'starts_with_number', value: 1, weight: 0.9 }, { name: 'first_person', value: 1, weight: 0.4 }] } },
  genre: { version: 'v1', prediction: { model: 'genre', top: [
    { category_id: 28, name: 'Science & Technology', probability: 0.62 },
    { category_id: 27, name: 'Education', probability: 0.25 },
    { category_id: 22, name: 'People & Blogs', probability: 0.06 }] } },
  tags: { version: 'v1', prediction: { model: 'tags', tags: [
    { tag: 'programming', score: 0.9 }, { tag: 'coding challenge', score: 0.7 }, { tag: 'python', score: 0.4 }] } },
  anomaly: { version: 'v1', prediction: { model: 'anomaly', score: 0.18, flag: false, reasons: [] } },
};

export function videoDetail(v) {
  const snapshots = [6, 12, 24, 48].map((h, k) => ({
    captured_at: new Date(Date.parse(v.published_at) + h * 3600000).toISOString().replace('.000', ''),
    views: Math.round(v.views * (k + 1) / 4), likes: Math.round(v.views * (k + 1) / 80), dislikes: null,
    comments: Math.round(v.views * (k + 1) / 400),
  }));
  const { views, ...video } = v;
  return {
    video,
    channel: { id: v.channel_id, title: `Channel ${v.channel_id}`, country: 'US', subscribers: 120000, videos: 340, views: 9800000, created_at: '2015-01-01T00:00:00Z' },
    snapshots,
    predictions: { ...predictions, anomaly: { error: { code: 'invalid_argument', message: 'anomaly: needs two snapshots with views', path: '$.snapshots' } } },
  };
}

// Velocity misses its coverage target, clickbait loses to its baseline on accuracy, genre ties
// on macro F1, anomaly reports k (a parameter, never scored).
const reports = {
  velocity: { n: 812, metrics: { mrse: 0.41, median_ape: 0.2, coverage_80: 0.726, by_horizon: { '24': { mrse: 0.3 } } },
    baselines: { szabo_huberman: { mrse: 0.66, median_ape: 0.3 }, pinto_ml: { mrse: 0.52, median_ape: 0.25 } } },
  viral: { n: 640, metrics: { roc_auc: 0.91, pr_auc: 0.74, brier: 0.09, ece: 0.02, accuracy: 0.88 },
    baselines: { logistic_regression: { roc_auc: 0.84, pr_auc: 0.6, brier: 0.12, ece: 0.04, accuracy: 0.83 } },
    mean_abs_shap: [{ feature: 'log_views_first', mean_abs_shap: 0.92 }, { feature: 'log_subscribers', mean_abs_shap: 0.41 }, { feature: 'title_length', mean_abs_shap: 0.12 }] },
  clickbait: { n: 6400, metrics: { accuracy: 0.971, macro_f1: 0.988, roc_auc: 0.998, brier: 0.01 },
    baselines: { tfidf_linear: { metrics: { accuracy: 0.986, macro_f1: 0.986 } } } },
  genre: { n: 900, metrics: { accuracy: 0.71, macro_f1: 0.58 }, baselines: { tfidf_logreg: { accuracy: 0.66, macro_f1: 0.58 } } },
  tags: { n: 900, metrics: { p_at_5: 0.31, r_at_10: 0.42, map: 0.29 }, baselines: { category_frequency: { p_at_5: 0.12, r_at_10: 0.2, map: 0.1 } } },
  anomaly: { n: 500, metrics: { roc_auc: 0.93, k: 3, p_at_k: 0.33 }, baselines: { zscore_rule: { roc_auc: 0.81, k: 3, p_at_k: 0.4 } } },
};

// As src/models/descriptor.h declares them (GET /v1/metrics/models serves them as metric_specs).
const spec = (name, direction, judged) => ({ name, direction, judged });
const SPECS = {
  velocity: [spec('mrse', 'lower', true), spec('median_ape', 'lower', true),
    { name: 'coverage_80', direction: 'nominal', judged: true, target: 0.8, acceptable: [0.75, 0.85] },
    spec('mae_log', 'lower', false), spec('r2_log', 'higher', false)],
  viral: [spec('roc_auc', 'higher', true), spec('brier', 'lower', true), spec('pr_auc', 'higher', false), spec('ece', 'lower', false), spec('accuracy', 'higher', false)],
  clickbait: [spec('roc_auc', 'higher', true), spec('accuracy', 'higher', true), spec('macro_f1', 'higher', false), spec('brier', 'lower', false)],
  genre: [spec('accuracy', 'higher', true), spec('macro_f1', 'higher', true)],
  tags: [spec('p_at_5', 'higher', true), spec('r_at_10', 'higher', true), spec('map', 'higher', false)],
  anomaly: [spec('roc_auc', 'higher', true), spec('pr_auc', 'higher', true), spec('p_at_k', 'higher', false), spec('k', 'none', false)],
};
export const modelNames = Object.keys(reports);
const FEATURES = ['title_length', 'title_caps_ratio', 'tag_count', 'log_duration_s', 'log_subscribers', 'log_views_first', 'like_view_ratio', 'hours_since_publish'];

export function modelList() {
  return { models: modelNames.map((name) => ({ name, versions: ['v1', 'v2', 'v3'].slice(0, name === 'viral' ? 3 : 2),
    aliases: { champion: name === 'viral' ? 'v3' : 'v2', ...(name === 'velocity' ? { challenger: 'v1' } : {}) },
    loaded_version: name === 'viral' ? 'v3' : 'v2' })) };
}

function manifest(name, version) {
  return { format_version: 1, name, created_at: '2024-05-02T10:00:00Z', training_config: { seed: 7, max_depth: 6 },
    feature_schema: { version: 1, hash: 'ab12cd34ef56ab12cd34ef56', features: FEATURES }, report: reports[name], version };
}

export function modelDetail(name) {
  if (!reports[name]) return null;
  const champion = name === 'viral' ? 'v3' : 'v2';
  const versions = (name === 'viral' ? ['v1', 'v2', 'v3'] : ['v1', 'v2']).map((v) => ({ version: v, created_at: '2024-05-02T10:00:00Z',
    aliases: v === champion ? ['champion'] : [], metrics: {} }));
  const m = manifest(name, champion);
  // As src/serve/model_source.cc builds it: "metrics" from the manifest (the report lives in
  // manifest.report), so the app must find the baselines in the manifest.
  return { name, versions, aliases: { champion, history: ['v1'] }, described_version: champion, metrics: {},
    feature_schema: m.feature_schema, config: m.training_config, manifest: m, loaded_version: champion, metric_specs: SPECS[name] };
}

export function modelMetrics() {
  const models = {};
  for (const name of modelNames) models[name] = { version: name === 'viral' ? 'v3' : 'v2', metrics: reports[name].metrics, created_at: '2024-05-02T10:00:00Z', metric_specs: SPECS[name] };
  return { models };
}

export const drift = {
  format_version: 1, status: 'drift',
  features: [
    { name: 'title_length', psi: 0.03, psi_p_value: 0.9, ks: 0.04, ks_p_value: 0.61, n_reference: 1000, n_current: 400, status: 'ok' },
    { name: 'log_views_first', psi: 0.17, psi_p_value: 0.001, ks: 0.12, ks_p_value: 0.001, n_reference: 1000, n_current: 400, status: 'warn' },
    { name: 'like_view_ratio', psi: 0.41, psi_p_value: 1e-12, ks: 0.27, ks_p_value: 1e-9, n_reference: 1000, n_current: 400, status: 'drift' },
    { name: 'log_subscribers', psi: null, ks: null, ks_p_value: null, n_reference: 1000, n_current: 0, status: 'insufficient' }],
  predictions: [{ name: 'viral.probability', psi: 0.05, ks: 0.06, ks_p_value: 0.3, n_reference: 1000, n_current: 400, status: 'ok' }],
  window: { current: { rows: 400, capacity: 10000, seen: 400, from: '2024-05-01T00:00:00Z', to: '2024-05-02T00:00:00Z' } },
  thresholds: { bins: 10, psi_warn: 0.1, psi_drift: 0.25, ks_warn: 0.1, ks_drift: 0.2, alpha: 0.05, min_samples: 20 },
};

// POST /v1/analyze: the same invented world as `fake_youtube_server analyze`
// (tests/fault/fake_youtube_main.cc), so the tests read alike against fixtures and a real server.
export const analyzedVideo = {
  id: 'vvDemoVid01', channel_id: 'UCvvDemoChannel000000001', title: 'I tried 100 days of coding',
  description: 'An invented video of the fake YouTube API: I tried 100 days of coding', tags: ['demo', 'vv'],
  category_id: 28, published_at: '2024-05-01T06:00:00Z', duration_s: 612, default_language: 'en',
  thumbnail_url: '', comments_disabled: false, ratings_disabled: false, source: 'youtube:analyze', views: 5200,
};
const demoChannel = { id: 'UCvvDemoChannel000000001', title: 'ViralVelocity Demo', country: 'US', subscribers: 48200, videos: 12, views: 1000000, created_at: '2015-06-01T00:00:00Z' };
const tracking = { since: '2024-05-01T12:00:00Z', next_snapshot: '2024-05-01T13:00:00Z', active: true, ended: '', reason: 'analyze',
  schedule: 'every 1 h for the first 48 h after publication, then every 24 h until 30 d' };

export function videoDetailWithTracking(v) {
  const detail = videoDetail(v);
  return v.id === analyzedVideo.id ? { ...detail, channel: demoChannel, tracking } : { ...detail, tracking: null };
}

// The id or handle of what a URL names, roughly as src/collect/youtube_url.cc parses it.
function target(url) {
  const t = url.trim();
  if (/^[A-Za-z0-9_-]{11}$/.test(t)) return { video: t };
  if (/^@[^/\s]+$/.test(t)) return { handle: t.slice(1) };
  let u;
  try { u = new URL(/^[a-z]+:\/\//i.test(t) ? t : `https://${t}`); } catch { return null; }
  const host = u.hostname.toLowerCase();
  const parts = u.pathname.split('/').filter(Boolean);
  if (host === 'youtu.be') return parts.length === 1 ? { video: parts[0] } : null;
  if (!/^(www\.|m\.|music\.)?youtube\.com$/.test(host)) return null;
  if (parts[0] === 'watch') return u.searchParams.get('v') ? { video: u.searchParams.get('v') } : null;
  if (['shorts', 'live', 'embed'].includes(parts[0]) && parts[1]) return { video: parts[1] };
  if (parts[0]?.startsWith('@')) return { handle: parts[0].slice(1) };
  if (parts[0] === 'channel' && parts[1]) return { channel: parts[1] };
  return null;
}

// [status, body] for a POST /v1/analyze body.
export function analyze(body) {
  const err = (status, code, message) => [status, { error: { code, message, path: '$.url' } }];
  if (typeof body?.url !== 'string' || !body.url.trim()) return err(400, 'invalid_argument', 'is required: a YouTube video or channel URL, or a video id');
  const t = target(body.url);
  if (!t || (t.video && !/^[A-Za-z0-9_-]{11}$/.test(t.video))) {
    return err(400, 'invalid_argument', `'${body.url}': give a YouTube video URL (youtube.com/watch?v=ID, youtu.be/ID, /shorts/ID, /live/ID, /embed/ID), an 11-character video id, or a channel URL (/channel/UC..., /@handle, /c/name, /user/name)`);
  }
  if (t.video && t.video !== analyzedVideo.id) {
    return err(404, 'not_found', `YouTube does not return the video '${t.video}': it is private, deleted or never existed (nothing was stored)`);
  }
  if (t.video) {
    const { views, ...video } = analyzedVideo;
    return [200, { kind: 'video', input: { kind: 'video', value: t.video }, url: `https://www.youtube.com/watch?v=${t.video}`,
      fetched: true, max_age_s: 3600, quota_units: 2, note: '', ...videoDetailWithTracking(analyzedVideo), video,
      snapshot_at: '2024-05-01T12:00:00Z',
      links: { page: `/#/videos/${t.video}`, api: `/v1/videos/${t.video}`, youtube: `https://www.youtube.com/watch?v=${t.video}` } }];
  }
  if ((t.handle ?? '').toLowerCase() !== 'vvdemo' && t.channel !== demoChannel.id) {
    return err(404, 'not_found', `YouTube has no channel with the handle @${t.handle} (nothing was stored)`);
  }
  const { views, ...video } = analyzedVideo;
  return [200, { kind: 'channel', input: { kind: 'handle', value: 'vvdemo' }, url: 'https://www.youtube.com/@vvdemo', fetched: true,
    max_age_s: 3600, quota_units: 3, note: '', channel: demoChannel, tracked: true,
    recent_videos: [{ ...video, views, snapshot_at: '2024-05-01T12:00:00Z', page: '/#/videos/vvDemoVid01' }],
    links: { api: `/v1/channels/${demoChannel.id}`, youtube: `https://www.youtube.com/channel/${demoChannel.id}` } }];
}
