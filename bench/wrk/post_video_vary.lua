-- wrk script: like post_video.lua, but every request carries a different view count, so a
-- response cache keyed by the body never hits (measures the models, not the cache): each
-- thread cycles through 50,000 distinct bodies, more than an LRU of 10,000 entries can keep.
-- Same VVRESULT line as post_video.lua.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local template = [[{"title":"I Tried Speedrun For 7 Days And This Happened","description":"gameplay walkthrough boss level minecraft update","tags":["gameplay","speedrun","minecraft"],"category_id":20,"published_at":"2024-03-01T12:00:00Z","duration_s":734,"channel":{"subscribers":250000,"videos":420,"views":61000000},"snapshots":[{"captured_at":"2024-03-01T18:00:00Z","views":12000,"likes":640,"comments":85},{"captured_at":"2024-03-02T12:00:00Z","views":41000,"likes":2100,"comments":260}]}]]
local counter = 0
local ring_size = 50000  -- distinct bodies per thread: more than a 10k-entry LRU holds

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end

-- Bodies are built before the run: building them in request() would make wrk the bottleneck.
function init(args)
  ring = {}
  for i = 1, ring_size do
    local views = 41000 + id * ring_size + i
    local body = template:gsub('"views":41000,', '"views":' .. views .. ',', 1)
    ring[i] = wrk.format(nil, nil, nil, body)
  end
  pos = 0
end

function request()
  pos = pos % ring_size + 1
  return ring[pos]
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("VVRESULT %.1f %d %d %d %d %d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50),
    latency:percentile(99), summary.requests, e.status,
    e.connect + e.read + e.write + e.timeout))
end
