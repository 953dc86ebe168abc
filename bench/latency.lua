-- wrk reporter: one JSON line with throughput and the percentiles run.py prints.
-- Every request accepts gzip, as every browser does, so the front cache and the
-- static ceiling both send their stored compressed copy.
--
-- Set through the environment (run.py does):
--   WRK_POST_BODY    send this body as a form POST (the contact form)
--   WRK_COOKIE       send this Cookie header
--   WRK_HOST         send this Host header (the site's, as visitors do)
--   WRK_HOSTS        several sites' Hosts, space-separated: each request
--                    carries the next in turn (each thread starting at its
--                    own); a line of WRK_URL_FILE may name its own Host
--                    ("host path") instead
--   WRK_SEARCH_WORDS each request searches two of these words drawn at random
--                    and a made-up one (so no answer is ever kept)
--   WRK_URL_FILE     a file of paths, one a line: each thread walks its share
--                    (thread k of WRK_THREADS takes lines k, k + threads, ...)
--   WRK_URLS_ONCE    with "1", each path is asked for once: a thread stops
--                    when its share is done (a crawler); otherwise it starts over
--   WRK_EACH_REQUEST with "1", also time each request as a visitor meets it
--                    (needs one connection a thread: -t equal to -c), and the
--                    ones Varnish answered "X-Cache: MISS" apart. wrk's own
--                    percentiles are corrected for coordinated omission: a
--                    connection that waits 400 ms while the others get 0.3 ms
--                    hits counts as some thousand late requests, as if visitors
--                    had queued behind it. Independent visitors do not queue.
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
local host = os.getenv("WRK_HOST")
if host and host ~= "" then
  wrk.headers["Host"] = host
end

local words = {}
for word in (os.getenv("WRK_SEARCH_WORDS") or ""):gmatch("%S+") do
  table.insert(words, word)
end
local hosts = {}
for name in (os.getenv("WRK_HOSTS") or ""):gmatch("%S+") do
  table.insert(hosts, name)
end
-- wrk.headers with another Host, made once per Host and thread.
local headers_by_host = {}
local function headers_for(name)
  if not headers_by_host[name] then
    local copy = {}
    for key, value in pairs(wrk.headers) do
      copy[key] = value
    end
    copy["Host"] = name
    headers_by_host[name] = copy
  end
  return headers_by_host[name]
end
local host_turn = 0
-- The headers of the next request: nil (wrk.headers) unless WRK_HOSTS is set.
local function next_headers()
  if #hosts == 0 then
    return nil
  end
  host_turn = host_turn % #hosts + 1
  return headers_for(hosts[host_turn])
end
local url_file = os.getenv("WRK_URL_FILE") or ""
local once = os.getenv("WRK_URLS_ONCE") == "1"
local thread_list = {}
function setup(thread)
  table.insert(thread_list, thread)
  thread:set("number", #thread_list)
end

-- A monotonic clock: a crawl ends when its paths are done, before -d runs out.
local ffi = require("ffi")
ffi.cdef([[
  typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
  int clock_gettime(int clock, bench_timespec *now);
]])
local function now_s()
  local now = ffi.new("bench_timespec")
  ffi.C.clock_gettime(1, now) -- CLOCK_MONOTONIC
  return tonumber(now.tv_sec) + tonumber(now.tv_nsec) / 1e9
end

local each_request = os.getenv("WRK_EACH_REQUEST") == "1"
times, miss_times = {}, {}
local sent_at = nil

-- paths[i] and, when its line names one, the Host of its own (path_hosts[i]).
local paths, path_hosts, position, answered = {}, {}, 0, 0
-- wrk calls the first thread's request() once before the run, to check it:
-- that call must not use up a path.
local checked = true
function init(args)
  checked = number ~= 1
  math.randomseed(os.time() * 100 + (number or 0))
  started_at = now_s()
  host_turn = (number or 1) - 1
  if url_file ~= "" then
    local share = tonumber(os.getenv("WRK_THREADS") or "1")
    local line_number = 0
    for line in io.lines(url_file) do
      line_number = line_number + 1
      if (line_number - 1) % share == (number or 1) - 1 then
        local name, path = line:match("^(%S+)%s+(%S+)$")
        table.insert(paths, path or line)
        path_hosts[#paths] = name
      end
    end
  end
end

if #words > 0 then
  request = function()
    -- Plus a made-up word that matches nothing: every query is new, never
    -- an answer kept from an earlier request.
    local made_up = ""
    for _ = 1, 10 do
      made_up = made_up .. string.char(math.random(97, 122))
    end
    local query = words[math.random(#words)] .. "+" .. words[math.random(#words)]
      .. "+" .. made_up
    return wrk.format(nil, wrk.path .. "?q=" .. query, next_headers())
  end
elseif url_file ~= "" then
  local function headers_of(i)
    if path_hosts[i] then
      return headers_for(path_hosts[i])
    end
    return next_headers()
  end
  request = function()
    if not checked then
      checked = true
      return wrk.format(nil, paths[1] or wrk.path, headers_of(1))
    end
    position = position + 1
    if position > #paths then
      if not once then
        position = 1
      else
        -- Share sent: an empty request leaves this connection idle.
        if #paths == 0 and not stopped_at then
          stopped_at = now_s()
          wrk.thread:stop()
        end
        return ""
      end
    end
    return wrk.format(nil, paths[position], headers_of(position))
  end
  if once then
    response = function(status, headers, body)
      answered = answered + 1
      if answered == #paths then
        stopped_at = now_s()
        wrk.thread:stop()
      end
    end
  end
elseif #hosts > 0 then
  request = function()
    return wrk.format(nil, nil, next_headers())
  end
end

if each_request then
  local ask = request or function()
    return wrk.request()
  end
  request = function()
    sent_at = now_s()
    return ask()
  end
  local answer = response
  response = function(status, headers, body)
    if sent_at then
      local ms = (now_s() - sent_at) * 1000
      table.insert(times, ms)
      if headers["X-Cache"] == "MISS" then
        table.insert(miss_times, ms)
      end
      sent_at = nil
    end
    if answer then
      answer(status, headers, body)
    end
  end
end

local function gathered(name)
  local all = {}
  for _, thread in ipairs(thread_list) do
    for _, ms in ipairs(thread:get(name) or {}) do
      table.insert(all, ms)
    end
  end
  table.sort(all)
  return all
end

local function percentile(sorted, p)
  if #sorted == 0 then
    return 0
  end
  return sorted[math.max(1, math.ceil(#sorted * p / 100))]
end

done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  -- Every thread done with its paths: the run lasted until the last of them.
  local first, last = nil, nil
  for _, thread in ipairs(thread_list) do
    local started, stopped = thread:get("started_at"), thread:get("stopped_at")
    if not stopped then
      first = nil
      break
    end
    first = math.min(first or started, started)
    last = math.max(last or stopped, stopped)
  end
  if first then
    seconds = last - first
  end
  io.write(string.format(
    '{"requests": %d, "seconds": %.2f, "rps": %.1f, "p50_ms": %.2f, ' ..
    '"p95_ms": %.2f, "p99_ms": %.2f, "max_ms": %.2f, "errors": %d, "non_2xx": %d}\n',
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write +
      summary.errors.timeout,
    summary.errors.status))
  if each_request then
    local all, misses = gathered("times"), gathered("miss_times")
    io.write(string.format(
      '{"each_p50_ms": %.2f, "each_p95_ms": %.2f, "each_p99_ms": %.2f, ' ..
      '"each_max_ms": %.2f, "timed": %d, "misses": %d, "miss_p50_ms": %.2f, ' ..
      '"miss_p95_ms": %.2f}\n',
      percentile(all, 50), percentile(all, 95), percentile(all, 99),
      all[#all] or 0, #all, #misses, percentile(misses, 50), percentile(misses, 95)))
  end
end
