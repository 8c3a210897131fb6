-- wrk -s bench/wrk/predict_viral.lua: POST /v1/predict/viral with one realistic video.
-- The same body every time: with the response cache on this measures cache hits; serve_bench.sh
-- also runs it with --cache-entries 0 so every request runs the model.
wrk.method = "POST"
wrk.path = "/v1/predict/viral"
wrk.headers["Content-Type"] = "application/json"
wrk.body = [[{"title":"I tried 100 days of coding and this happened","description":"Day by day.","tags":["coding","challenge","programming"],"category_id":28,"published_at":"2024-05-01T12:00:00Z","duration_s":612,"channel":{"subscribers":120000,"videos":340,"views":9800000},"snapshots":[{"captured_at":"2024-05-01T18:00:00Z","views":1500,"likes":90,"comments":12},{"captured_at":"2024-05-02T00:00:00Z","views":4200,"likes":210,"comments":31},{"captured_at":"2024-05-02T12:00:00Z","views":9100,"likes":400,"comments":55}]}]]

-- No response() hook: a Lua callback per response makes wrk itself the bottleneck; wrk
-- reports non-2xx answers on its own.
