"""`pst serve`: a live preview of the document and of the findings of `pst check`, in a browser, on this machine.

- `preview.py` — the state of the preview, with no web in it: check the project, render its
  HTML through the one document engine, keep the last good document when the project
  stops loading (marked stale), say it all as JSON;
- `app.py` — the web application (Starlette): a fixed set of routes, nothing from a URL
  ever names a file, requests for another host refused;
- `server.py` — the server (uvicorn on 127.0.0.1), the file watcher (watchfiles) and Ctrl-C.

Only `pst serve` imports this package: `pst --help` and the other commands never load
Starlette, uvicorn or watchfiles.
"""
