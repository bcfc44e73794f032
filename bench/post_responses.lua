-- wrk script: POSTs valid court-user responses, each with a fresh submission_id, and counts the
-- statuses so the shell script can compare acknowledged responses with the rows in MySQL.
-- Arguments after "--": RUN_TAG WORK_DIR [RATE]. With RATE (requests/s over all threads), each
-- thread paces its connections with delay(): the average delay is corrected once a second from
-- the rate the thread achieved (wrk's delay is whole ms, so it is rounded at random up or down).
local threads = {}

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  created, duplicates, failed, counter = 0, 0, 0, 0
  run = args[1] or tostring(os.time())
  -- Each acknowledged response id goes to a file, so the script can look every one up in MySQL.
  acked = io.open(string.format("%s/acked-%d.txt", args[2] or "/tmp", tid), "w")
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  local rate = tonumber(args[3] or "0")
  if rate > 0 then
    local nthreads = tonumber(args[4] or "2")
    local conns = tonumber(args[5] or "64") / nthreads
    local target = rate / nthreads          -- per thread
    local mean = conns * 1000 / target      -- ms between requests on one connection, before correction
    local second, sent, counted = os.time(), 0, false
    math.randomseed(tid * 7919 + os.time())
    function delay()
      sent = sent + 1
      local now = os.time()
      if now ~= second then
        -- os.time() counts whole seconds: the first, partial second only starts the count.
        local achieved = sent / (now - second)
        if counted and achieved > 0 then mean = math.max(0, math.min(1000, mean * achieved / target)) end
        second, sent, counted = now, 0, true
      end
      local whole = math.floor(mean)
      return whole + ((math.random() < mean - whole) and 1 or 0)
    end
  end
end

local courts = {"AST-ESL", "AST-SAR", "ALA-MED", "ALA-ALM", "SHY-ALF", "KAR-KAZ"}

function request()
  counter = counter + 1
  local sid = string.format("bench-%s-%02d-%08d", run, tid, counter)
  local court = courts[(counter % #courts) + 1]
  local a = (counter % 5) + 1
  -- The current (second) edition of court_user, which `courtvoice-admin demo` publishes as
  -- version 2: 25 answers, the hearing items shown (hearing_role 1).
  local body = string.format(
    '{"submission_id":"%s","court":"%s","channel":"kiosk","language":"ru","answers":{' ..
    '"role":1,"case_type":1,"visit_frequency":2,"hearing_role":1,' ..
    '"access_summons_clear":%d,"access_find_room":4,"access_forms_clear":%d,' ..
    '"access_waiting_area":{"non_answer":"not_applicable"},"access_time":3,' ..
    '"staff_courtesy":%d,"staff_attention":4,"staff_helped":4,' ..
    '"fair_handled":4,"fair_listened":%d,"fair_judge_informed":5,"fair_judge_respect":4,"fair_equal":5,' ..
    '"fair_decision_understood":4,"fair_next_steps":3,"hearing_on_time":3,"case_duration":3,' ..
    '"trust_change":4,"trust_level":4,"overall":%d,"recommend":%d,"comment":"Нагрузочный тест / жүктеме сынағы"}}',
    sid, court, a, a, a, a, a, (counter % 11))
  return wrk.format(nil, nil, nil, body)
end

function response(status, headers, body)
  if status == 201 then
    created = created + 1
    acked:write(body:match('"response_id"%s*:%s*"(%x+)"') or "?", "\n")
    acked:flush()
  elseif status == 200 then duplicates = duplicates + 1
  else failed = failed + 1 end
end

function done(summary, latency, requests)
  local c, d, f = 0, 0, 0
  for _, t in ipairs(threads) do
    c = c + t:get("created"); d = d + t:get("duplicates"); f = f + t:get("failed")
  end
  io.write(string.format("acknowledged_created %d\nduplicates %d\nfailed %d\n", c, d, f))
  io.write(string.format("requests_per_second %.1f\nacknowledged_per_second %.1f\nlatency_p50_ms %.2f\nlatency_p99_ms %.2f\n",
    summary.requests / (summary.duration / 1e6), c / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
