-- wrk script: POST the same Segment batch to /v1/batch on every request.
-- BODY: the body's file (default bench/wrk/batch-20.json); WRITE_KEY: the collector's write key.
local path = os.getenv("BODY") or "bench/wrk/batch-20.json"
local file = assert(io.open(path, "r"), "cannot read " .. path)
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Write-Key"] = assert(os.getenv("WRITE_KEY"), "set WRITE_KEY")
