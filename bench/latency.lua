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
