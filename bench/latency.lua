-- wrk reporter: one JSON line with throughput and the percentiles the README lists.
-- With WRK_POST_BODY set, sends that body as a form POST (the contact form).
-- Every request accepts gzip, as every browser does, so the front cache and the
-- static ceiling both send their stored compressed copy.
wrk.headers["Accept-Encoding"] = "gzip"
local body = os.getenv("WRK_POST_BODY")
local cookie = os.getenv("WRK_COOKIE")
if body and body ~= "" then
  wrk.method = "POST"
  wrk.body = body
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
end
if cookie and cookie ~= "" then
  wrk.headers["Cookie"] = cookie
end

-- With WRK_SEARCH_WORDS set, each request searches two of those words drawn
-- at random (a different draw in each wrk thread).
local words = {}
for word in (os.getenv("WRK_SEARCH_WORDS") or ""):gmatch("%S+") do
  table.insert(words, word)
end
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("number", threads)
end
function init(args)
  math.randomseed(os.time() * 100 + (number or 0))
end
if #words > 0 then
  request = function()
    local query = words[math.random(#words)] .. "+" .. words[math.random(#words)]
    return wrk.format(nil, wrk.path .. "?q=" .. query)
  end
end

done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format(
    '{"requests": %d, "rps": %.1f, "p50_ms": %.2f, "p95_ms": %.2f, "p99_ms": %.2f, ' ..
    '"errors": %d, "non_2xx": %d}\n',
    summary.requests, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write +
      summary.errors.timeout,
    summary.errors.status))
end
