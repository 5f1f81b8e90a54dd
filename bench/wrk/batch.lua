-- wrk script: POST the same Segment body (a batch or one event) on every request, each with message ids of its own,
-- as SDKs send them (a repeated id would be a retry, which the store drops the slow way).
-- BODY: the body's file (default bench/wrk/batch-20.json); WRITE_KEY: the collector's write key.
local path = os.getenv("BODY") or "bench/wrk/batch-20.json"
local file = assert(io.open(path, "r"), "cannot read " .. path)
local template = file:read("*a")
file:close()
-- the body cut at each message id's value, to put fresh ids between the pieces
local pieces = {}
local from = 1
for first, last in function() return template:find('"messageId": "[^"]*"', from) end do
    pieces[#pieces + 1] = template:sub(from, first - 1) .. '"messageId": "'
    from = last
end
pieces[#pieces + 1] = template:sub(from)
math.randomseed(os.time())
local prefix = "wrk-" .. os.time() .. "-" .. math.random(1000000000) .. "-"
local sent = 0

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Write-Key"] = assert(os.getenv("WRITE_KEY"), "set WRITE_KEY")

function request()
    sent = sent + 1
    local body = {}
    for i = 1, #pieces - 1 do
        body[#body + 1] = pieces[i] .. prefix .. sent .. "-" .. i
    end
    body[#body + 1] = pieces[#pieces]
    return wrk.format(nil, nil, nil, table.concat(body))
end
