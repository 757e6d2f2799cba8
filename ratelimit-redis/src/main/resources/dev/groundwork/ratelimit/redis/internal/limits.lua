-- Groundwork ratelimit-redis: every limit of one key decided in one atomic call, all-or-nothing.
-- KEYS[1]  the key: a string holding every limit's state, separated by ';'
-- ARGV[1]  cost
-- ARGV[2]  now in microseconds, or '' to read the Redis server's TIME
-- ARGV[3]  number of limits n; then per limit: algorithm (1 GCRA, 2 fixed window, 3 sliding window),
--          GCRA: emission interval µs, tolerance µs; windows: window µs, quota
-- Returns { allowed (1/0), then per limit: remaining, reset µs, retry µs }, or {-1} when the key holds a state
-- this plan did not write, {-2} when it holds another type.
-- All numbers are whole microseconds below 2^53, so Lua's doubles hold them exactly.
if redis.replicate_commands then redis.replicate_commands() end

local cost = tonumber(ARGV[1])
local now
if ARGV[2] == '' then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000000 + tonumber(t[2])
else
  now = tonumber(ARGV[2])
end
local n = tonumber(ARGV[3])

-- One GET and, for an admission, one SET: the fewest commands a read-modify-write can take.
-- What is read is validated before it is used: the key must hold a string of exactly n parts, each of the shape
-- its limit writes, with numbers below 2^53 and counts within the quota. Anything else (another writer, a manual
-- edit, a hash where a string should be) is answered with {-1} or {-2} and left untouched: the caller treats it
-- as this key's failure, not the server's, and never reads a foreign state as a fresh one.
local stored = {}
local ok, raw = pcall(redis.call, 'GET', KEYS[1])
if not ok then return {-2} end
if raw then
  local limit = 2 ^ 53
  local parts = 0
  for part in string.gmatch(raw .. ';', '([^;]*);') do
    parts = parts + 1
    if parts > n then return {-1} end
    local algorithm = tonumber(ARGV[1 + 3 * parts])
    local quota = tonumber(ARGV[3 + 3 * parts])
    local fields = {}
    for field in string.gmatch(part .. ':', '([^:]*):') do
      if not string.match(field, '^%d%d?%d?%d?%d?%d?%d?%d?%d?%d?%d?%d?%d?%d?%d?%d?$') then return {-1} end
      local value = tonumber(field)
      if value >= limit then return {-1} end
      fields[#fields + 1] = value
    end
    local expected = (algorithm == 1) and 1 or ((algorithm == 2) and 2 or 3)
    if #fields ~= expected then return {-1} end
    if algorithm == 2 and fields[2] > quota then return {-1} end
    if algorithm == 3 and (fields[2] > quota or fields[3] > quota) then return {-1} end
    stored[parts] = part
  end
  if parts ~= n then return {-1} end
end

local function int(x) return string.format('%.0f', x) end
local function split(s)
  local out = {}
  for part in string.gmatch(s, '[^:]+') do out[#out + 1] = tonumber(part) end
  return out
end

local allowed = true
local outcomes = {}
for i = 1, n do
  local algorithm = tonumber(ARGV[1 + 3 * i])
  local a = tonumber(ARGV[2 + 3 * i])
  local b = tonumber(ARGV[3 + 3 * i])
  -- Each limit reports its status before (r0, t0) and after (r1, t1) taking the cost; the request is admitted
  -- only if every limit can take it, and a refused request reports every limit as it was.
  local o = {retry = 0}
  if algorithm == 1 then
    -- GCRA: a = emission interval T, b = tolerance tau; the field is the theoretical arrival time.
    local base = math.max(tonumber(stored[i]) or 0, now)
    local nextTat = base + cost * a
    o.r0 = math.floor((b - (base - now)) / a)
    o.t0 = base - now
    if nextTat - now <= b then
      o.state = int(nextTat)
      o.r1 = math.floor((b - (nextTat - now)) / a)
      o.t1 = nextTat - now
    else
      o.retry = nextTat - b - now
    end
  elseif algorithm == 2 then
    -- Fixed window: a = window W, b = quota; the field is 'index:count'.
    local index = math.floor(now / a)
    local s = stored[i] and split(stored[i]) or {index, 0}
    local current = math.max(index, s[1])
    local count = (s[1] == current) and s[2] or 0
    local ends = (current + 1) * a - now
    o.r0 = b - count
    o.t0 = (count > 0) and ends or 0
    if count + cost <= b then
      o.state = int(current) .. ':' .. int(count + cost)
      o.r1 = b - count - cost
      o.t1 = ends
    else
      o.retry = ends
    end
  else
    -- Sliding-window counter: a = window W, b = quota; the field is 'index:current:previous'.
    local index = math.floor(now / a)
    local s = stored[i] and split(stored[i]) or {index, 0, 0}
    local current, cur, prev = s[1], s[2], s[3]
    if index > current then
      prev = (index == current + 1) and cur or 0
      cur = 0
      current = index
    end
    local start = current * a
    local elapsed = math.max(0, now - start)
    local weighted = math.ceil(prev * (a - elapsed) / a)
    o.r0 = math.max(0, b - weighted - cur)
    if cur > 0 then o.t0 = start + 2 * a - now elseif prev > 0 then o.t0 = start + a - now else o.t0 = 0 end
    if weighted + cur + cost <= b then
      o.state = int(current) .. ':' .. int(cur + cost) .. ':' .. int(prev)
      o.r1 = math.max(0, b - weighted - cur - cost)
      o.t1 = start + 2 * a - now
    else
      local room = b - cur - cost
      local retry = nil
      if room >= 0 then
        local at = 0
        if prev > 0 then at = a - math.floor(room * a / prev) end
        if at < a then retry = math.max(0, start + math.max(0, at) - now) end
      end
      if retry == nil then
        local at = 0
        if cur > 0 then at = math.max(0, a - math.floor((b - cost) * a / cur)) end
        retry = start + a + at - now
      end
      o.retry = retry
    end
  end
  if o.state == nil then allowed = false end
  outcomes[i] = o
end

local result = {allowed and 1 or 0}
if allowed then
  local states = {}
  local ttl = 0
  for i = 1, n do
    local o = outcomes[i]
    states[i] = o.state
    if o.t1 > ttl then ttl = o.t1 end
    result[#result + 1] = o.r1
    result[#result + 1] = o.t1
    result[#result + 1] = 0
  end
  -- The key lives until every limit is full again: then a missing key and the stored state mean the same.
  redis.call('SET', KEYS[1], table.concat(states, ';'), 'PX', math.floor(ttl / 1000) + 1)
else
  for i = 1, n do
    local o = outcomes[i]
    result[#result + 1] = o.r0
    result[#result + 1] = o.t0
    result[#result + 1] = o.retry
  end
end
return result
