-- wrk script for `deno task bench:http`: sends BENCH_METHOD with the body in BENCH_BODY_FILE.
wrk.method = os.getenv("BENCH_METHOD") or "GET"
local file = os.getenv("BENCH_BODY_FILE")
if file and file ~= "" then
  local f = assert(io.open(file, "rb"))
  wrk.body = f:read("*a")
  f:close()
  wrk.headers["Content-Type"] = "application/json"
end
