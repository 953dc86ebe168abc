-- wrk script: the insights beacon, as static/insights/beacon.js sends it.
--
-- A page view: navigator.sendBeacon POSTs URLSearchParams (page, path, event,
-- the three campaign tags, gclid, ref) form-encoded to /insights/beacon/,
-- with the headers a desktop Chrome sends along (a browser's User-Agent, no
-- DNT or Sec-GPC, which the site would not count). The figures are
-- latency.lua's, plus a second JSON line with how many answers were the
-- beacon's 204 and how many were anything else.
--
-- Set through the environment (run.py does):
--   WRK_BEACONS  one beacon a line, "host body": the page's Host and the body
--                its script sends (the page's id differs from site to site);
--                each request sends the next in turn
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "latency.lua")

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded;charset=UTF-8"
wrk.headers["User-Agent"] = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) "
  .. "AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"
wrk.headers["Accept"] = "*/*"
wrk.headers["Accept-Language"] = "en-US,en;q=0.9"
wrk.headers["Sec-Fetch-Dest"] = "empty"
wrk.headers["Sec-Fetch-Mode"] = "no-cors"
wrk.headers["Sec-Fetch-Site"] = "same-origin"

local beacons = {}
for line in (os.getenv("WRK_BEACONS") or ""):gmatch("[^\n]+") do
  local host, body = line:match("^(%S+)%s+(%S+)$")
  if host then
    table.insert(beacons, { host = host, body = body })
  end
end
if #beacons == 0 then
  error("beacon.lua: WRK_BEACONS names no beacon")
end

-- Each beacon's request, made once per thread (its Host, Origin and Referer).
local prepared = {}
local function prepare()
  local path = wrk.path
  for _, beacon in ipairs(beacons) do
    local headers = {}
    for key, value in pairs(wrk.headers) do
      headers[key] = value
    end
    headers["Host"] = beacon.host
    headers["Origin"] = "http://" .. beacon.host
    local page = beacon.body:match("path=([^&]*)") or ""
    headers["Referer"] = "http://" .. beacon.host .. page:gsub("%%2F", "/")
    table.insert(prepared, wrk.format("POST", path, headers, beacon.body))
  end
end

local turn = 0
request = function()
  if #prepared == 0 then
    prepare()
    turn = (number or 1) - 1
  end
  turn = turn % #prepared + 1
  return prepared[turn]
end

beacon_204, beacon_other = 0, 0
local answered_before = response
response = function(status, headers, body)
  if status == 204 then
    beacon_204 = beacon_204 + 1
  else
    beacon_other = beacon_other + 1
  end
  if answered_before then
    answered_before(status, headers, body)
  end
end

local threads = {}
local setup_before = setup
function setup(thread)
  setup_before(thread)
  table.insert(threads, thread)
end

local done_before = done
done = function(summary, latency, requests)
  done_before(summary, latency, requests)
  local ok, other = 0, 0
  for _, thread in ipairs(threads) do
    ok = ok + (thread:get("beacon_204") or 0)
    other = other + (thread:get("beacon_other") or 0)
  end
  io.write(string.format('{"status_204": %d, "status_other": %d}\n', ok, other))
end
