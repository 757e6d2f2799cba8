wrk.method = "POST"
wrk.body   = '{"article":{"title":"Load test article","description":"Under load","body":"Written by wrk","tagList":["load","wrk"]}}'
wrk.headers["Content-Type"] = "application/json"
