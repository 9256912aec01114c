-- One closed bar into Redis, atomically.
-- KEYS[1] latest-bar hash, KEYS[2] time-series sorted set
-- ARGV[1] open time (epoch ms), ARGV[2] the bar as JSON, ARGV[3] 'count' or 'age', ARGV[4] the retention value,
-- ARGV[5..] the hash's field/value pairs
-- Returns 1 when the hash took the bar, 0 when it holds a newer bar.
local open = tonumber(ARGV[1])
local latest = 0
local current = redis.call('HGET', KEYS[1], 'open_time_ms')
-- the same open time is a revision of the same bar: it replaces the hash
if (not current) or tonumber(current) <= open then
  redis.call('DEL', KEYS[1])
  redis.call('HSET', KEYS[1], unpack(ARGV, 5))
  latest = 1
end
-- one member per open time: a rewritten bar replaces its old member
redis.call('ZREMRANGEBYSCORE', KEYS[2], open, open)
redis.call('ZADD', KEYS[2], open, ARGV[2])
if ARGV[3] == 'count' then
  redis.call('ZREMRANGEBYRANK', KEYS[2], 0, -tonumber(ARGV[4]) - 1)
else
  local newest = redis.call('ZRANGE', KEYS[2], -1, -1, 'WITHSCORES')[2]
  redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', '(' .. string.format('%d', tonumber(newest) - tonumber(ARGV[4])))
end
return latest
