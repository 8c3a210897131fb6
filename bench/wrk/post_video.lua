-- wrk script: POSTs one fixed video body (the same bytes as bench/wrk/video.json) to the URL's
-- path. done() prints one machine-readable line for bench/serve_compare.sh:
--   VVRESULT requests_per_s p50_us p99_us requests non2xx socket_errors
-- Usage: wrk -t2 -c32 -d10s --latency -s bench/wrk/post_video.lua http://127.0.0.1:PORT/v1/predict/viral
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = [[{"title":"I Tried Speedrun For 7 Days And This Happened","description":"gameplay walkthrough boss level minecraft update","tags":["gameplay","speedrun","minecraft"],"category_id":20,"published_at":"2024-03-01T12:00:00Z","duration_s":734,"channel":{"subscribers":250000,"videos":420,"views":61000000},"snapshots":[{"captured_at":"2024-03-01T18:00:00Z","views":12000,"likes":640,"comments":85},{"captured_at":"2024-03-02T12:00:00Z","views":41000,"likes":2100,"comments":260}]}]]

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("VVRESULT %.1f %d %d %d %d %d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50),
    latency:percentile(99), summary.requests, e.status,
    e.connect + e.read + e.write + e.timeout))
end
