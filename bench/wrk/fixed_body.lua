-- wrk -s bench/wrk/fixed_body.lua: the same POST against nginx returning a fixed JSON body,
-- the HTTP ceiling of this machine.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = [[{"title":"I tried 100 days of coding and this happened","published_at":"2024-05-01T12:00:00Z"}]]
