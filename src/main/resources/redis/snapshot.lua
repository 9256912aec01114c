-- One snapshot quote into its hash with a TTL, and its symbol's update time into the sorted set.
-- KEYS[1] quote hash, KEYS[2] sorted set of update times
-- ARGV[1] the quote's time (epoch ms), ARGV[2] TTL in ms, ARGV[3] symbol, ARGV[4] the round's time (epoch ms),
-- ARGV[5..] the hash's field/value pairs
-- Returns 1 when written, 0 when the hash holds a later quote (from live trades), which is left as it is.
redis.call('ZADD', KEYS[2], ARGV[4], ARGV[3])
local current = redis.call('HGET', KEYS[1], 'time_ms')
if current and tonumber(current) > tonumber(ARGV[1]) then
  return 0
end
-- replace the whole hash: a field the new quote lacks (no previous close) must not survive from an old one
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], unpack(ARGV, 5))
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
