-- The fleet's fault runs (fleet.sh): mixed reads, in turn an article with a token, the article list and the tags,
-- and a count of the answers by status over all threads, printed as "statuses 200=… 503=…".
local token = os.getenv("TOKEN")
local paths = { "/api/articles/" .. os.getenv("SLUG"), "/api/articles", "/api/tags" }
local threads = {}
local n = 0

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  counts = {}
end

function request()
  n = n + 1
  local i = n % 3 + 1
  if i == 1 then
    return wrk.format("GET", paths[1], { Authorization = "Token " .. token })
  end
  return wrk.format("GET", paths[i])
end

function response(status, headers, body)
  counts[status] = (counts[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("counts")) do
      total[status] = (total[status] or 0) + count
    end
  end
  local parts = {}
  for status, count in pairs(total) do
    table.insert(parts, status .. "=" .. count)
  end
  table.sort(parts)
  print("statuses " .. table.concat(parts, " "))
end
