-- Sends each request with the credential of a session picked at random.
-- Usage: wrk ... -s random-session.lua <url> -- <sessions file>
-- The sessions file has one request header per session, "Name: value" (written by bench/Seeder). Every design is
-- driven through this script, the anonymous endpoint too, so the load generator does the same work for each.
-- When wrk is done, one line "RESULT key=value ..." is printed for bench/run to read.

local sessions = {}

function init(args)
    for line in io.lines(args[1]) do
        local name, value = line:match("^([^:]+):%s*(.+)$")
        if name then
            sessions[#sessions + 1] = { [name] = value }
        end
    end
    if #sessions == 0 then
        error("no sessions in " .. tostring(args[1]))
    end
    -- One stream per thread; seeded from the clock and the table's address so threads differ.
    math.randomseed(os.time() + tonumber(tostring(sessions):match("0x(%x+)") or "0", 16) % 100000)
end

function request()
    local headers = sessions[math.random(#sessions)]
    return wrk.format(nil, nil, headers)
end

function done(summary, latency, requests)
    local errors = summary.errors
    io.write(string.format(
        "RESULT requests=%d duration_us=%d rps=%.1f p50_us=%d p99_us=%d non2xx=%d connect_errors=%d read_errors=%d write_errors=%d timeouts=%d\n",
        summary.requests, summary.duration, summary.requests / summary.duration * 1e6,
        latency:percentile(50), latency:percentile(99),
        errors.status, errors.connect, errors.read, errors.write, errors.timeout))
end
