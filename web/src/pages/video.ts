import { get } from '../api';
import { categoryName } from '../categories';
import { lineChart } from '../charts';
import { fmtDate, fmtNum, h, table } from '../dom';
import { predictionGrid } from '../predictions';
import { current } from '../router';
import type { VideoDetail } from '../types';
import { errorBox, loading, section } from '../ui';

export async function videoPage(main: HTMLElement, params: Record<string, string>): Promise<void> {
  const out = h('div', {}, loading());
  main.append(h('p', {}, h('a', { href: '#/videos' }, '← All videos')), out);
  const alive = current();
  let d: VideoDetail;
  try {
    d = await get<VideoDetail>(`/v1/videos/${encodeURIComponent(params.id)}`);
  } catch (e) {
    if (alive()) out.replaceChildren(h('h1', {}, 'Video'), errorBox(e, 'Loading the video'));
    return;
  }
  if (!alive()) return;
  const v = d.video;
  const c = d.channel;
  const facts = h('dl', { class: 'facts' },
    h('dt', {}, 'Channel'), h('dd', {}, c ? `${c.title || c.id} (${fmtNum(c.subscribers)} subscribers)` : v.channel_id || '–'),
    h('dt', {}, 'Category'), h('dd', {}, categoryName(v.category_id)),
    h('dt', {}, 'Published'), h('dd', {}, fmtDate(v.published_at)),
    h('dt', {}, 'Duration'), h('dd', {}, v.duration_s == null ? '–' : `${v.duration_s} s`),
    h('dt', {}, 'Tags'), h('dd', {}, (v.tags ?? []).join(', ') || '–'),
    d.tracking ? [h('dt', {}, 'Tracking'), h('dd', { class: 'tracking' }, d.tracking.active
      ? `tracked since ${fmtDate(d.tracking.since)}; next snapshot ${fmtDate(d.tracking.next_snapshot)} (${d.tracking.schedule})`
      : `tracked since ${fmtDate(d.tracking.since)}; ended: ${d.tracking.ended}`)] : null);
  const snaps = d.snapshots ?? [];
  const series = (['views', 'likes', 'comments'] as const).map((k) => ({
    name: k,
    data: snaps.filter((s) => typeof s[k] === 'number').map((s) => [s.captured_at, s[k] as number] as [string, number]),
  })).filter((s) => s.data.length);
  const chart = snaps.length ? lineChart('Views, likes and comments over time', series, { time: true, log: true, yName: 'count' }) : null;
  const grid = predictionGrid(d.predictions ?? {});
  out.replaceChildren(
    h('h1', {}, v.title || v.id),
    facts,
    v.description ? h('p', { class: 'description' }, v.description.slice(0, 600)) : '',
    section('Snapshots',
      chart ? chart.el : h('p', { class: 'muted' }, 'No snapshot stored.'),
      snaps.length ? table('Snapshots', ['captured', 'views', 'likes', 'comments'], snaps.map((s) => [fmtDate(s.captured_at), fmtNum(s.views), fmtNum(s.likes), fmtNum(s.comments)]), 'compact') : null),
    h('h2', {}, 'Predictions'), grid.el);
  chart?.draw();
  grid.draw();
}
