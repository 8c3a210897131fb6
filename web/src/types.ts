// Response shapes of `vv serve` (docs/API.md) and of each model's prediction (src/models/*.cc).
export interface ApiErrorShape { code: string; message: string; path: string }

export interface Horizon { hours: number; views: number; lo: number; hi: number; observed?: boolean; views_per_hour?: number }
export interface VelocityPrediction { interval_level?: number; horizons: Horizon[] }
export interface ViralPrediction { probability: number; label?: boolean; top_features: { feature: string; contribution: number }[] }
export interface ClickbaitPrediction { score: number; label?: boolean; text_score?: number; signals: { name: string; value: number; weight: number }[] }
export interface GenrePrediction { top: { category_id: number; name: string; probability: number }[] }
export interface TagsPrediction { tags: { tag: string; score: number }[] }
export interface AnomalyPrediction { score: number; flag?: boolean; reasons: string[] }

export interface ModelAnswer<P = unknown> { version?: string; prediction?: P; error?: ApiErrorShape }
export type ModelName = 'velocity' | 'viral' | 'clickbait' | 'genre' | 'tags' | 'anomaly';
export const MODEL_NAMES: ModelName[] = ['velocity', 'viral', 'clickbait', 'genre', 'tags', 'anomaly'];
export type Predictions = Partial<Record<ModelName, ModelAnswer | null>>;

export interface Video {
  id: string; channel_id: string; title: string; description?: string; tags?: string[];
  category_id?: number | null; published_at?: string | null; duration_s?: number | null;
  thumbnail_url?: string; source?: string;
}
export interface Channel { id: string; title?: string; country?: string; subscribers?: number | null; videos?: number | null; views?: number | null; created_at?: string | null }
export interface Snapshot { captured_at: string; views?: number | null; likes?: number | null; dislikes?: number | null; comments?: number | null }
export interface VideoList { videos: Video[]; count: number; limit: number; offset: number }
export interface Tracking { since: string; next_snapshot: string | null; active: boolean; ended: string; reason: string; schedule: string }
export interface VideoDetail { video: Video; channel: Channel | null; snapshots: Snapshot[]; tracking?: Tracking | null; predictions: Predictions }
// POST /v1/analyze: a video (the fields of VideoDetail) or a channel with its recent uploads.
export interface AnalyzeAnswer {
  kind: 'video' | 'channel'; url: string; fetched: boolean; quota_units: number; note?: string;
  input?: { kind: string; value: string }; snapshot_at?: string | null; links?: Record<string, string>;
  video?: Video; channel: Channel | null; snapshots?: Snapshot[]; tracking?: Tracking | null; predictions?: Predictions;
  recent_videos?: (Video & { views?: number | null; snapshot_at?: string | null })[]; tracked?: boolean;
}

export interface ModelSummary { name: string; versions: string[]; aliases: Record<string, string>; loaded_version?: string | null }
export interface ModelVersion { version: string; created_at?: string; aliases?: string[]; metrics?: Json }
export interface ModelDetail {
  name: string; versions: ModelVersion[]; aliases: Record<string, unknown>; described_version?: string;
  metrics?: Json; feature_schema?: { version?: number; hash?: string; features?: string[] }; config?: Json;
  manifest?: Json; loaded_version?: string | null; metric_specs?: Json;
}
export interface ModelMetrics { models: Record<string, { version: string; metrics: Json; baselines?: Json; n?: number; created_at?: string | null; metric_specs?: Json } | null> }

export interface DriftColumn { name: string; psi: number | null; psi_p_value?: number | null; ks: number | null; ks_p_value?: number | null; n_reference?: number; n_current?: number; status: string }
export interface DriftReport { status?: string; features: DriftColumn[]; predictions: DriftColumn[]; window: Json; thresholds?: Record<string, number> }

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;
