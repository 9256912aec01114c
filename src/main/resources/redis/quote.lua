-- One quote into its hash, unless the hash already holds a later trade.
-- KEYS[1] quote hash; ARGV[1] the trade time (epoch ms); ARGV[2..] the hash's field/value pairs
-- Returns 1 when written, 0 when the hash holds a later trade.
local current = redis.call('HGET', KEYS[1], 'time_ms')
if current and tonumber(current) > tonumber(ARGV[1]) then
  return 0
end
-- replace the whole hash: a field the new quote lacks (no previous close yet) must not survive from an old one
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], unpack(ARGV, 2))
return 1
