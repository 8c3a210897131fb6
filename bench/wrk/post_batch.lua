-- wrk script: POST /v1/predict/batch with 1,000 copies of one video (~630 KB), the heavy work
-- that runs on the worker pool. serve_bench.sh runs it beside a GET /healthz load to measure how
-- long the cheap routes wait behind it.
-- Usage: wrk -t1 -c4 -d10s -s bench/wrk/post_batch.lua http://127.0.0.1:PORT
wrk.method = "POST"
wrk.path = "/v1/predict/batch"
wrk.headers["Content-Type"] = "application/json"
local video = [[{"title":"I Tried Speedrun For 7 Days And This Happened","description":"gameplay walkthrough boss level minecraft update","tags":["gameplay","speedrun","minecraft"],"category_id":20,"published_at":"2024-03-01T12:00:00Z","duration_s":734,"channel":{"subscribers":250000,"videos":420,"views":61000000},"snapshots":[{"captured_at":"2024-03-01T18:00:00Z","views":12000,"likes":640,"comments":85},{"captured_at":"2024-03-02T12:00:00Z","views":41000,"likes":2100,"comments":260}]}]]
local videos = {}
for i = 1, 1000 do videos[i] = video end
wrk.body = '{"videos":[' .. table.concat(videos, ",") .. ']}'
