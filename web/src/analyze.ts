// The paste-a-URL box of the home and predict pages: POST /v1/analyze with any YouTube video or
// channel URL (or a bare video id), then the six predictions of the video and a link to its
// page, or the channel with its recent videos. The API's errors are shown as it words them:
// a bad URL beside the box, the rest (private video, quota, no key) below it.
import { ApiError, post } from './api';
import { fmtDate, fmtNum, h, table } from './dom';
import { predictionGrid } from './predictions';
import { current } from './router';
import type { AnalyzeAnswer } from './types';
import { errorBox } from './ui';

function videoResult(a: AnalyzeAnswer, out: HTMLElement): void {
  const v = a.video!;
  const last = (a.snapshots ?? []).at(-1);
  const t = a.tracking;
  const page = `#/videos/${encodeURIComponent(v.id)}`;
  const grid = predictionGrid(a.predictions ?? {});
  out.append(
    h('h2', {}, h('a', { href: page, class: 'video-link' }, v.title || v.id)),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Channel'), h('dd', {}, a.channel ? `${a.channel.title || a.channel.id} (${fmtNum(a.channel.subscribers)} subscribers)` : v.channel_id || '–'),
      h('dt', {}, 'Published'), h('dd', {}, fmtDate(v.published_at)),
      h('dt', {}, 'Views'), h('dd', {}, last ? `${fmtNum(last.views)} at ${fmtDate(last.captured_at)}` : '–'),
      h('dt', {}, 'Source'), h('dd', { class: 'fetched' }, a.fetched ? `fetched from YouTube now (${a.quota_units} quota units)` : 'fresh in the store: not fetched again'),
      h('dt', {}, 'Tracking'), h('dd', { class: 'tracking' }, !t ? 'not tracked' : t.active
        ? `next snapshot ${fmtDate(t.next_snapshot)}; ${t.schedule}`
        : `ended: ${t.ended}`)),
    a.note ? h('p', { class: 'muted' }, a.note) : '',
    h('p', {}, h('a', { class: 'button', href: page }, 'Open the video page →'), ' ',
      h('a', { href: a.url, rel: 'noopener noreferrer', target: '_blank' }, 'Watch on YouTube')),
    h('h3', {}, 'Predictions'), grid.el);
  grid.draw();
}

function channelResult(a: AnalyzeAnswer, out: HTMLElement): void {
  const c = a.channel;
  const rows = (a.recent_videos ?? []).map((v) => [
    h('a', { href: `#/videos/${encodeURIComponent(v.id)}` }, v.title || v.id), fmtNum(v.views), fmtDate(v.published_at)]);
  out.append(
    h('h2', {}, c?.title || c?.id || 'Channel'),
    h('p', { class: 'muted' }, `${fmtNum(c?.subscribers)} subscribers · ${fmtNum(c?.videos)} videos · ${fmtNum(c?.views)} views · tracked: its new uploads are collected from now on.`),
    rows.length ? table('Recent videos (open one for its predictions)', ['video', 'views', 'published'], rows, 'recent') : h('p', { class: 'muted' }, 'No upload.'));
}

// The box; `id` keeps its element ids unique on a page.
export function analyzeBox(id = 'analyze'): HTMLElement {
  const input = h('input', {
    id: `${id}-url`, type: 'text', inputmode: 'url', autocomplete: 'off', spellcheck: 'false', name: 'url',
    placeholder: 'https://www.youtube.com/watch?v=… or youtu.be/… or @channel',
    'aria-describedby': `${id}-hint ${id}-error`,
  });
  const error = h('p', { class: 'field-error', id: `${id}-error`, 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Analyze');
  const result = h('div', { class: 'analyze-result', 'aria-live': 'polite' });
  const form = h('form', { class: 'analyze', role: 'search', 'aria-label': 'Analyze a YouTube video or channel', novalidate: true },
    h('label', { for: `${id}-url` }, 'Paste a YouTube video or channel URL'),
    h('div', { class: 'analyze-row' }, input, submit),
    h('p', { class: 'hint', id: `${id}-hint` }, 'Any form: watch?v=, youtu.be/, /shorts/, /live/, /embed/, a video id, or a channel (/@handle, /channel/UC…). The server fetches it from YouTube, tracks it and predicts.'),
    error);

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    error.textContent = '';
    input.removeAttribute('aria-invalid');
    result.replaceChildren();
    const url = input.value.trim();
    if (!url) {
      error.textContent = 'Paste a YouTube URL or a video id first.';
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      return;
    }
    const alive = current();
    submit.setAttribute('disabled', '');
    submit.textContent = 'Analyzing…';
    result.setAttribute('aria-busy', 'true');
    try {
      const a = await post<AnalyzeAnswer>('/v1/analyze', { url });
      if (!alive()) return;
      result.dataset.kind = a.kind;
      if (a.kind === 'video') videoResult(a, result);
      else channelResult(a, result);
    } catch (e) {
      if (!alive()) return;
      if (e instanceof ApiError && e.status === 400 && e.path === '$.url') {
        error.textContent = e.message;
        input.setAttribute('aria-invalid', 'true');
        input.focus();
      } else {
        result.append(errorBox(e, 'Analysis'));
      }
    } finally {
      submit.removeAttribute('disabled');
      submit.textContent = 'Analyze';
      result.removeAttribute('aria-busy');
    }
  });
  return h('section', { class: 'card analyze-card', id }, form, result);
}
